package dev.t2i.bench;

import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.Experiment;
import dev.t2i.training.ExperimentConfig;
import dev.t2i.training.TrainingGraph;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The time of one training step (one discriminator update and one generator update) on fixed random
 * tensors, as the PyTorch peer measures it: {@code dcgan} (noise only, ngf = ndf = 64, the DCGAN-64
 * shape), {@code gan-cls} (noise + projected 400-d text, matching-aware discriminator) or {@code
 * convlstm} (the report's sentence network, 25 words of 400-d vectors), {@code quickstart} (the
 * quickstart's model: phrase features, inner-product discriminator, mode seeking) or {@code dfgan}
 * (the DF-GAN of {@code t2i-examples/configs/dfgan.yaml}, hinge loss with MA-GP).
 *
 * <p>Usage: {@code TrainStepBench MODEL BATCH STEPS WARMUP [float32|bfloat16|auto]}. Prints {@code
 * step_seconds = MEDIAN}.
 */
public final class TrainStepBench {
  private TrainStepBench() {}

  static String config(String model, int batch) {
    return config(model, batch, "float32");
  }

  static String config(String model, int batch, String precision) {
    String common =
        "dataset: {type: synthetic-flowers, train: "
            + batch
            + ", test: 0}\ntraining: {batchSize: "
            + batch
            + ", precision: "
            + precision
            + "}\n";
    return switch (model) {
      case "dcgan" ->
          common
              + """
          generator: {type: dcgan, conditioning: noise, noiseDimension: 100, ngf: 64}
          discriminator: {type: dcgan, text: none, ndf: 64}
          loss: {type: gan}
          """;
      case "gan-cls" ->
          common
              + """
          encoder: {type: word2vec-sum, vectors: {dimension: 400}}
          generator: {type: dcgan, conditioning: projected, noiseDimension: 100, textProjection: 128, ngf: 64}
          discriminator: {type: dcgan, text: projected, textProjection: 128, ndf: 64}
          loss: {type: gan, matchingAware: true}
          """;
      case "convlstm" ->
          common.replace(
                  "training: {batchSize: " + batch + ",",
                  "training: {batchSize: " + batch + ", discriminatorReals: random,")
              + """
          encoder: {type: word2vec-sequence, steps: 25, vectors: {dimension: 400}}
          generator:
            type: convlstm
            placement: last-layer
            filters: 8
            batchNorm: length-major
            network: {type: dcgan, conditioning: text, ngf: 64}
          discriminator: {type: dcgan, text: none, ndf: 64}
          loss:
            type: weighted
            terms:
              - loss: {type: gan}
              - {weight: 10, loss: {type: l2}}
          """;
      case "quickstart" ->
          common.replace(
                  "training: {batchSize: " + batch + ",",
                  "training: {batchSize: " + batch + ", modeSeeking: 1,")
              + """
          encoder: {type: word2vec-sequence, vectors: {dimension: 400}}
          generator: {type: dcgan, conditioning: projected, ngf: 32, textWindow: 3}
          discriminator: {type: dcgan, text: inner-product, minibatchStddev: true, ndf: 32, textWindow: 3}
          loss: {type: gan, matchingAware: true}
          """;
      case "dfgan" ->
          common
              + """
          encoder: {type: word2vec-sequence, vectors: {dimension: 400}}
          generator: {type: dfgan, ngf: 8, noiseDimension: 100, sentenceDimension: 128, textWindow: 3}
          discriminator: {type: dfgan, ndf: 8, text: projection, sentenceDimension: 128, textWindow: 3}
          loss: {type: hinge, matchingAware: true, gradientPenalty: 2, penaltyPower: 6}
          """;
      default ->
          throw new IllegalArgumentException(
              "model is dcgan, gan-cls, convlstm, quickstart or dfgan, was " + model);
    };
  }

  public static void main(String[] args) throws Exception {
    String model = args[0];
    int batch = Integer.parseInt(args[1]);
    int steps = Integer.parseInt(args[2]);
    int warmup = Integer.parseInt(args[3]);
    String precision = args.length > 4 ? args[4] : "float32";
    PluginRegistry plugins = PluginRegistry.discover();
    ExperimentConfig config =
        new ConfigLoader(plugins)
            .read(config(model, batch, precision), model + ".yaml", ExperimentConfig.class)
            .withOutput(Files.createTempDirectory("t2i-bench"));
    Experiment e = Experiment.assemble(config, plugins);
    SplittableRandom random = new SplittableRandom(1);
    try (Graph graph = new Graph()) {
      TrainingGraph g = TrainingGraph.of(graph, e);
      List<TFloat32> tensors = new ArrayList<>();
      try (Session session =
          new Session(
              graph,
              dev.t2i.training.Trainer.sessionConfig(Runtime.getRuntime().availableProcessors()))) {
        session.initialize();
        double[] times = new double[steps];
        for (int i = -warmup; i < steps; i++) {
          Session.Runner r = session.runner();
          for (var in : g.inputs().byName().entrySet()) {
            TFloat32 t = random(in.getValue(), batch, random);
            tensors.add(t);
            r.feed(in.getValue(), t);
          }
          r.addTarget(g.discriminatorStep().orElseThrow())
              .addTarget(g.generatorStep())
              .fetch(g.losses().generator());
          long t0 = System.nanoTime();
          r.run().close();
          double s = (System.nanoTime() - t0) / 1e9;
          if (i >= 0) {
            times[i] = s;
          }
          tensors.forEach(TFloat32::close);
          tensors.clear();
        }
        System.out.println("model = " + model);
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.println("threads = intra " + threads + ", inter " + threads);
        System.out.println(
            "parameters = generator "
                + g.generatorParameters().trainableCount()
                + ", discriminator "
                + g.discriminatorParameters().trainableCount());
        System.out.println("precision = " + config.training().precision().resolve().id());
        System.out.println("step_times = " + Stats.summary(times));
        System.out.printf("step_seconds = %.4f%n", Stats.median(times));
        System.out.printf("images_per_second = %.1f%n", batch / Stats.median(times));
      }
    }
  }

  private static TFloat32 random(Placeholder<TFloat32> p, int batch, SplittableRandom r) {
    long[] dims = p.shape().asArray();
    dims[0] = batch;
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(v));
  }
}
