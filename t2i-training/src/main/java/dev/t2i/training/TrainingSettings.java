package dev.t2i.training;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.InvalidSettingException;

/** The schedule and optimizers of a run ({@code training:} in an experiment). */
public record TrainingSettings(
    @JsonPropertyDescription("examples per batch") Integer batchSize,
    @JsonPropertyDescription("generator updates in the whole run") Long steps,
    @JsonPropertyDescription("k: discriminator updates per generator update, each on its own batch")
        Integer discriminatorSteps,
    @JsonPropertyDescription("Adam for the generator") AdamSettings generatorOptimizer,
    @JsonPropertyDescription("Adam for the discriminator") AdamSettings discriminatorOptimizer,
    @JsonPropertyDescription(
            "own (the captions' images) or random (independent real images) for the discriminator")
        RealImages discriminatorReals,
    @JsonPropertyDescription("steps between log lines and TensorBoard scalars") Integer logEvery,
    @JsonPropertyDescription("steps between sample grids; 0: only at the end") Integer sampleEvery,
    @JsonPropertyDescription("steps between checkpoints; 0: only at the end")
        Integer checkpointEvery,
    @JsonPropertyDescription("checkpoints kept; older ones are deleted") Integer keepCheckpoints,
    @JsonPropertyDescription("the sample grids") SampleSettings samples,
    @JsonPropertyDescription("TensorFlow threads per op; default: available processors")
        Integer threads,
    @JsonPropertyDescription(
            "decay of an exponential moving average of the generator's weights that samples, "
                + "generation and evaluation use (0.999 averages about the last 1,000 steps); 0: off, the last weights")
        Double generatorAverage,
    @JsonPropertyDescription(
            "weight of mode-seeking regularisation (Mao et al. 2019): each caption of half the batch is drawn "
                + "with two noise vectors, and the generator pays weight / (image distance / noise distance) for alike images; "
                + "0: off. Needs an even batchSize")
        Double modeSeeking,
    @JsonPropertyDescription(
            "weight of a contrastive term (as in XMC-GAN): the discriminator scores every image of the "
                + "batch against every caption of it, and a softmax over the captions must pick the image's own, for real images "
                + "(discriminator) and generated ones (generator); it rewards what tells captions apart, such as count, shape and "
                + "size. 0: off. Needs a discriminator that scores pairs (dcgan with text: inner-product)")
        Double contrastive,
    @JsonPropertyDescription(
            "what convolutions and matrix products compute in: float32, bfloat16 (float32 weights, "
                + "optimizer state and losses), or auto (bfloat16 where the CPU has avx512_bf16 or amx_bf16)")
        PrecisionChoice precision) {

  public TrainingSettings {
    batchSize = Checks.inRange("batchSize", Checks.orDefault(batchSize, 64), 1, 4096);
    steps = Checks.positive("steps", Checks.orDefault(steps, 2000L));
    discriminatorSteps =
        Checks.inRange("discriminatorSteps", Checks.orDefault(discriminatorSteps, 1), 1, 100);
    generatorOptimizer = Checks.orDefault(generatorOptimizer, AdamSettings.defaults());
    discriminatorOptimizer = Checks.orDefault(discriminatorOptimizer, AdamSettings.defaults());
    discriminatorReals = Checks.orDefault(discriminatorReals, RealImages.OWN);
    logEvery = Checks.positive("logEvery", Checks.orDefault(logEvery, 10));
    sampleEvery = Checks.nonNegative("sampleEvery", Checks.orDefault(sampleEvery, 250));
    checkpointEvery = Checks.nonNegative("checkpointEvery", Checks.orDefault(checkpointEvery, 500));
    keepCheckpoints =
        Checks.inRange("keepCheckpoints", Checks.orDefault(keepCheckpoints, 3), 1, 1000);
    samples = Checks.orDefault(samples, SampleSettings.defaults());
    threads =
        Checks.inRange(
            "threads",
            Checks.orDefault(threads, Runtime.getRuntime().availableProcessors()),
            1,
            256);
    generatorAverage =
        Checks.inRange("generatorAverage", Checks.orDefault(generatorAverage, 0.0), 0, 0.99999);
    modeSeeking = Checks.inRange("modeSeeking", Checks.orDefault(modeSeeking, 0.0), 0, 100);
    contrastive = Checks.inRange("contrastive", Checks.orDefault(contrastive, 0.0), 0, 100);
    precision = Checks.orDefault(precision, PrecisionChoice.FLOAT32);
    if (contrastive > 0 && discriminatorReals == RealImages.RANDOM) {
      throw new InvalidSettingException(
          "contrastive",
          "needs the captions' own images (discriminatorReals: own), "
              + "since it scores each real image against its own caption; got discriminatorReals: random");
    }
    if (modeSeeking > 0 && batchSize % 2 != 0) {
      throw new InvalidSettingException(
          "batchSize",
          "must be even with modeSeeking > 0 (its two halves share "
              + "their captions), got "
              + batchSize);
    }
  }

  public static TrainingSettings defaults() {
    return new TrainingSettings(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  /** A copy with another number of steps (a resumed run may extend training). */
  public TrainingSettings withSteps(long n) {
    return new TrainingSettings(
        batchSize,
        n,
        discriminatorSteps,
        generatorOptimizer,
        discriminatorOptimizer,
        discriminatorReals,
        logEvery,
        sampleEvery,
        checkpointEvery,
        keepCheckpoints,
        samples,
        threads,
        generatorAverage,
        modeSeeking,
        contrastive,
        precision);
  }
}
