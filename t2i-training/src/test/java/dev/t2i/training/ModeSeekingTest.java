package dev.t2i.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.LossPart;
import dev.t2i.runtime.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class ModeSeekingTest {
  static final double WEIGHT = 2.0;
  final PluginRegistry registry = TinyRuns.registry();
  @TempDir Path dir;

  /**
   * The term is MSGAN's: weight / (mean |x1 - x2| / mean |z1 - z2| + eps), computed here in Java.
   */
  @Test
  void theTermIsTheWeightOverTheRatioOfImageToNoiseDistance() {
    SplittableRandom random = new SplittableRandom(11);
    float[] x = TinyRuns.uniform(random, 4 * 3 * 3 * 3);
    float[] z = TinyRuns.uniform(random, 4 * 5);
    double imageDistance = 0;
    for (int i = 0; i < x.length / 2; i++) {
      imageDistance += Math.abs(x[i] - x[i + x.length / 2]);
    }
    imageDistance /= x.length / 2;
    double noiseDistance = 0;
    for (int i = 0; i < z.length / 2; i++) {
      noiseDistance += Math.abs(z[i] - z[i + z.length / 2]);
    }
    noiseDistance /= z.length / 2;
    double expected = WEIGHT / (imageDistance / noiseDistance + ModeSeeking.EPSILON);
    try (Graph graph = new Graph();
        Session s = new Session(graph);
        TFloat32 images = TFloat32.tensorOf(Shape.of(4, 3, 3, 3), DataBuffers.of(x));
        TFloat32 noise = TFloat32.tensorOf(Shape.of(4, 5), DataBuffers.of(z))) {
      Ops tf = Ops.create(graph);
      var term = ModeSeeking.term(tf, tf.constantOf(images), tf.constantOf(noise), WEIGHT);
      var paired = ModeSeeking.pairHalves(tf, tf.constantOf(noise));
      try (Result r = s.runner().fetch(term).fetch(paired).run()) {
        assertThat(((TFloat32) r.get(0)).getFloat())
            .isCloseTo((float) expected, org.assertj.core.data.Percentage.withPercentage(1e-3));
        TFloat32 p = (TFloat32) r.get(1);
        assertThat(p.shape().asArray()).containsExactly(4, 5);
        for (int row = 0; row < 4; row++) {
          for (int c = 0; c < 5; c++) {
            assertThat(p.getFloat(row, c)).isEqualTo(z[(row % 2) * 5 + c]);
          }
        }
      }
    }
  }

  /**
   * Rows i and i + B/2 share a caption: with the same noise in both halves the generator draws the
   * same images although all 8 fed captions differ, and the term reaches weight / eps; with
   * independent noise it is finite and small, and a training step on it stays finite.
   */
  @Test
  void theGeneratorDrawsEachCaptionOfTheFirstHalfTwice() throws Exception {
    String yaml =
        TinyRuns.gan(dir.resolve("run"), 2, 2)
            .replace("  threads: 1\n", "  threads: 1\n  modeSeeking: " + WEIGHT + "\n");
    Experiment e = Experiment.assemble(TinyRuns.read(yaml, registry), registry);
    try (Graph graph = new Graph()) {
      TrainingGraph g = TrainingGraph.of(graph, e);
      assertThat(g.losses().parts()).containsKey(LossPart.generator("mode_seeking"));
      try (Session s = new Session(graph)) {
        s.initialize();
        float same = run(s, g, true, false);
        assertThat(same).isGreaterThan((float) (0.9 * WEIGHT / ModeSeeking.EPSILON));
        float independent = run(s, g, false, true);
        assertThat(independent).isBetween(0f, (float) (WEIGHT * 100));
        float afterStep = run(s, g, false, false);
        assertThat(afterStep).isFinite().isPositive();
      }
    }
  }

  @Test
  void anOddBatchCannotBeHalved() {
    assertThatThrownBy(
            () ->
                TinyRuns.read(
                    TinyRuns.gan(dir.resolve("odd"), 2, 2)
                        .replace("batchSize: 8", "batchSize: 7")
                        .replace("  threads: 1\n", "  threads: 1\n  modeSeeking: 1\n"),
                    registry))
        .hasMessageContaining("batchSize")
        .hasMessageContaining("even")
        .hasMessageContaining("7");
  }

  /**
   * Feeds 8 random rows (noise halves equal when {@code sameNoise}), optionally trains, and returns
   * the term.
   */
  private static float run(Session s, TrainingGraph g, boolean sameNoise, boolean train) {
    SplittableRandom random = new SplittableRandom(sameNoise ? 1 : 2);
    List<TFloat32> fed = new ArrayList<>();
    try {
      Session.Runner r =
          TinyRuns.feedRandom(
              s.runner(),
              g,
              8,
              random,
              (name, v) -> {
                if (sameNoise && name.equals("noise")) {
                  System.arraycopy(v, 0, v, v.length / 2, v.length / 2);
                }
              },
              fed);
      if (train) {
        r.addTarget(g.discriminatorStep().orElseThrow()).addTarget(g.generatorStep());
      }
      try (Result res = r.fetch(g.losses().parts().get(LossPart.generator("mode_seeking"))).run()) {
        return ((TFloat32) res.get(0)).getFloat();
      }
    } finally {
      fed.forEach(TFloat32::close);
    }
  }
}
