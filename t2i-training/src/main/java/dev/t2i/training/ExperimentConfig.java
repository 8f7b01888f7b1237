package dev.t2i.training;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.Discriminator;
import dev.t2i.api.Generator;
import dev.t2i.api.Loss;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.datasets.pipeline.ImagePipelineSettings;
import java.nio.file.Path;

/**
 * One experiment, as one YAML file: what to train on, what to train, and how. Every section but
 * {@code dataset}, {@code generator} and {@code loss} has defaults.
 */
public record ExperimentConfig(
    @JsonPropertyDescription("the run's name") String name,
    @JsonPropertyDescription("seed of every random choice: initial weights, batches, noise")
        Long seed,
    @JsonPropertyDescription("the run directory; default runs/NAME") Path output,
    @JsonPropertyDescription("the data set") ImageCaptionSource.Settings dataset,
    @JsonPropertyDescription("the text encoder; absent for an unconditional model")
        TextEncoder.Settings encoder,
    @JsonPropertyDescription("the generator") Generator.Settings generator,
    @JsonPropertyDescription(
            "the discriminator; absent for a GNN trained with a Euclidean loss only")
        Discriminator.Settings discriminator,
    @JsonPropertyDescription("the loss") Loss.Settings loss,
    @JsonPropertyDescription("schedule and optimizers") TrainingSettings training,
    @JsonPropertyDescription("decoding and augmentation") ImagePipelineSettings pipeline) {

  public ExperimentConfig {
    name = Checks.identifier("name", Checks.orDefault(name, "experiment"));
    seed = Checks.orDefault(seed, 42L);
    output = Checks.orDefault(output, Path.of("runs", name));
    Checks.required("dataset", dataset);
    Checks.required("generator", generator);
    Checks.required("loss", loss);
    training = Checks.orDefault(training, TrainingSettings.defaults());
    pipeline = Checks.orDefault(pipeline, ImagePipelineSettings.defaults());
  }

  /** A copy with another training section. */
  public ExperimentConfig withTraining(TrainingSettings t) {
    return new ExperimentConfig(
        name, seed, output, dataset, encoder, generator, discriminator, loss, t, pipeline);
  }

  /** A copy writing to another directory. */
  public ExperimentConfig withOutput(Path o) {
    return new ExperimentConfig(
        name, seed, o, dataset, encoder, generator, discriminator, loss, training, pipeline);
  }
}
