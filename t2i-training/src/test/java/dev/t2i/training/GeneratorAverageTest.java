package dev.t2i.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.checkpoint.CheckpointWeights;
import dev.t2i.training.generate.ModelCriteria;
import dev.t2i.training.generate.TextToImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class GeneratorAverageTest {
  static final double DECAY = 0.9;
  final PluginRegistry registry = TinyRuns.registry();
  @TempDir Path dir;

  private String yaml(Path run, int steps) {
    return yaml(run, steps, steps);
  }

  private String yaml(Path run, int steps, int checkpointEvery) {
    return TinyRuns.gan(run, steps, checkpointEvery)
        .replace("  threads: 1\n", "  threads: 1\n  generatorAverage: " + DECAY + "\n");
  }

  /**
   * Every shadow follows the average computed here from the generator's weights after each step.
   */
  @Test
  void theShadowsAreTheMovingAverageOfTheGeneratorsWeights() throws Exception {
    Experiment e =
        Experiment.assemble(TinyRuns.read(yaml(dir.resolve("run"), 6), registry), registry);
    try (Graph graph = new Graph()) {
      TrainingGraph g = TrainingGraph.of(graph, e);
      Names names = new Names(g);
      assertThat(names.weights).hasSizeGreaterThan(10);
      assertThat(names.statistics).hasSizeGreaterThan(4);
      assertThat(names.shadowsInGraph)
          .as("a counterpart per variable and the update counter")
          .isEqualTo(names.weights.size() + names.statistics.size() + 1);
      try (Session s = new Session(graph)) {
        s.initialize();
        Map<String, float[]> expected = null;
        double spread = 0;
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 6; n++) {
          step(s, g, random);
          Map<String, float[]> weights = CheckpointWeights.fetch(s, names.weights, "G_");
          Map<String, float[]> shadows =
              CheckpointWeights.fetch(s, names.shadows, GeneratorAverage.SCOPE + "_");
          if (expected == null) {
            expected = weights; // the first update copies
          } else {
            double rate = 1 - Math.min(DECAY, n / (n + 1.0));
            for (var w : weights.entrySet()) {
              float[] a = expected.get(w.getKey());
              for (int i = 0; i < a.length; i++) {
                a[i] -= (float) (rate * (a[i] - w.getValue()[i]));
              }
            }
          }
          assertThat(CheckpointWeights.maxDifference(shadows, expected))
              .as("step %d", n + 1)
              .isLessThan(1e-5);
          spread = CheckpointWeights.maxDifference(shadows, weights);
        }
        // The average lags the weights: it is not a copy of them. Adam moves a weight by about the
        // learning rate (2e-4) a step, so after 6 steps the largest lag is of that order.
        assertThat(spread).isGreaterThan(5e-5);
        // Batch normalisation's statistics are the averaged generator's own: moved from their
        // initial values (means 0, variances 1), and not the generator's.
        Map<String, float[]> own =
            CheckpointWeights.fetch(s, names.averagedStatistics, GeneratorAverage.SCOPE + "_");
        Map<String, float[]> initial = new LinkedHashMap<>();
        own.forEach(
            (k, v) -> {
              float[] x = new float[v.length];
              java.util.Arrays.fill(x, k.endsWith("_variance") ? 1f : 0f);
              initial.put(k, x);
            });
        assertThat(CheckpointWeights.maxDifference(own, initial)).isGreaterThan(1e-3);
        assertThat(
                CheckpointWeights.maxDifference(
                    own, CheckpointWeights.fetch(s, names.statistics, "G_")))
            .isGreaterThan(1e-4);
      }
    }
  }

  /**
   * A resumed run carries on the average where it was: shadows and counter are in the checkpoint.
   */
  @Test
  void theAverageSurvivesAResume() throws Exception {
    Path straight = dir.resolve("straight");
    new Trainer(Experiment.assemble(TinyRuns.read(yaml(straight, 4, 2), registry), registry))
        .train(new Trainer.Options(false, List.of()));
    Path resumed = dir.resolve("resumed");
    new Trainer(Experiment.assemble(TinyRuns.read(yaml(resumed, 2, 2), registry), registry))
        .train(new Trainer.Options(false, List.of()));
    new Trainer(Experiment.assemble(TinyRuns.read(yaml(resumed, 4, 2), registry), registry))
        .train(new Trainer.Options(true, List.of()));
    Map<String, float[]> a = CheckpointWeights.read(straight, registry);
    Map<String, float[]> b = CheckpointWeights.read(resumed, registry);
    assertThat(a.get(GeneratorAverage.SCOPE + "_ema_updates")).containsExactly(4f);
    assertThat(b.get(GeneratorAverage.SCOPE + "_ema_updates")).containsExactly(4f);
    assertThat(a.keySet())
        .filteredOn(k -> k.startsWith(GeneratorAverage.SCOPE + "_"))
        .hasSizeGreaterThan(10);
    // As TrainerTest's resume: equal within the rounding of two runs of one seed.
    assertThat(CheckpointWeights.maxDifference(a, b)).isLessThanOrEqualTo(1e-2);
  }

  /** {@code t2i generate} draws with the averaged weights of a run trained with them. */
  @Test
  void textToImageUsesTheAveragedWeights() throws Exception {
    Path run = dir.resolve("avg");
    Experiment e = Experiment.assemble(TinyRuns.read(yaml(run, 8), registry), registry);
    new Trainer(e).train(new Trainer.Options(false, List.of()));
    float[] averaged;
    try (TextToImage t = ModelCriteria.run(run).plugins(registry).load()) {
      averaged = pixels(t);
    }
    // The same checkpoint read as a run without the average: the generator's own last weights.
    Path plain = dir.resolve("plain");
    Files.createDirectories(plain);
    try (var files = Files.walk(run)) {
      for (Path p : files.toList()) {
        Path to = plain.resolve(run.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    Path config = plain.resolve("config.yaml");
    Files.writeString(
        config,
        Files.readString(config).replaceAll("generatorAverage: [0-9.]+", "generatorAverage: 0.0"));
    float[] last;
    try (TextToImage t = ModelCriteria.run(plain).plugins(registry).load()) {
      last = pixels(t);
    }
    assertThat(averaged).hasSameSizeAs(last);
    double difference = 0;
    for (int i = 0; i < last.length; i++) {
      difference = Math.max(difference, Math.abs(averaged[i] - last[i]));
    }
    assertThat(difference).isGreaterThan(1e-3);
  }

  private static float[] pixels(TextToImage t) {
    var image = t.generate("this flower has pink petals and a yellow center");
    float[] v = new float[image.getWidth() * image.getHeight()];
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        v[y * image.getWidth() + x] = image.getRGB(x, y) & 0xffffff;
      }
    }
    return v;
  }

  /** The generator's variables and their shadows, in the same order. */
  private static final class Names {
    final List<Variable<TFloat32>> weights = new ArrayList<>();
    final List<Variable<TFloat32>> shadows = new ArrayList<>();
    final List<Variable<TFloat32>> statistics = new ArrayList<>();
    final List<Variable<TFloat32>> averagedStatistics = new ArrayList<>();
    int shadowsInGraph;

    static Variable<TFloat32> counterpart(TrainingGraph g, Variable<TFloat32> w) {
      return new Variable<>(
          g.graph()
              .operation(GeneratorAverage.SCOPE + "_" + w.op().name().substring("G_".length())));
    }

    Names(TrainingGraph g) {
      weights.addAll(g.generatorParameters().trainableVariables());
      for (Variable<TFloat32> w : weights) {
        shadows.add(counterpart(g, w));
      }
      for (Variable<TFloat32> w : g.generatorParameters().stateVariables()) {
        statistics.add(w);
        averagedStatistics.add(counterpart(g, w));
      }
      var it = g.graph().operations();
      while (it.hasNext()) {
        var op = it.next();
        if (op.type().equals("VariableV2") && op.name().startsWith(GeneratorAverage.SCOPE + "_")) {
          shadowsInGraph++;
        }
      }
    }
  }

  private static void step(Session s, TrainingGraph g, SplittableRandom random) {
    List<TFloat32> fed = new ArrayList<>();
    try {
      TinyRuns.feedRandom(s.runner(), g, 8, random, (name, values) -> {}, fed)
          .addTarget(g.discriminatorStep().orElseThrow())
          .addTarget(g.generatorStep())
          .run()
          .close();
    } finally {
      fed.forEach(TFloat32::close);
    }
  }
}
