package dev.t2i.models.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.t2i.api.Parameters;
import dev.t2i.models.GraphRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

class PhrasesTest {
  static final int D = 8;

  /** Word vectors for word ids (-1: padding, all zeros), {@code steps} per caption. */
  static float[] captions(float[][] vocabulary, int steps, int[]... ids) {
    float[] out = new float[ids.length * steps * D];
    for (int c = 0; c < ids.length; c++) {
      for (int s = 0; s < ids[c].length; s++) {
        if (ids[c][s] >= 0) {
          System.arraycopy(vocabulary[ids[c][s]], 0, out, (c * steps + s) * D, D);
        }
      }
    }
    return out;
  }

  static float[][] vocabulary(int words, long seed) {
    float[][] v = new float[words][];
    for (int i = 0; i < words; i++) {
      v[i] = GraphRunner.uniform(D, seed + i);
    }
    return v;
  }

  static float[] features(int steps, int width, float[] words) {
    try (GraphRunner g = new GraphRunner()) {
      Placeholder<TFloat32> x = g.input("x", -1, steps, D);
      Operand<TFloat32> f =
          Layers.phrases(g.tf, Parameters.create(5).scope("T"), "p", x, D, width, 6);
      assertThat(g.shape(f, Map.of(x, words))).containsExactly(words.length / (steps * D), 6);
      return g.run(f, Map.of(x, words));
    }
  }

  @Test
  void paddingIsLeftOutOfTheAverage() {
    float[][] v = vocabulary(3, 10);
    // The same 3-word caption in 3 positions and in 7 (4 of padding): same features.
    float[] three = features(3, 3, captions(v, 3, new int[] {0, 1, 2}));
    float[] seven = features(7, 3, captions(v, 7, new int[] {0, 1, 2, -1, -1, -1, -1}));
    assertThat(seven).containsExactly(three, within(1e-6f));
    // Without the mask the 4 padded positions would add bias-only features and change the mean.
    float[] empty = features(7, 3, new float[7 * D]);
    assertThat(empty).containsOnly(0f);
  }

  @Test
  void aWindowSeesWordOrderAndAWindowOfOneDoesNot() {
    float[][] v = vocabulary(3, 20);
    float[] words = captions(v, 3, new int[] {0, 1, 2}, new int[] {2, 1, 0});
    float[] wide = features(3, 3, words);
    float[] single = features(3, 1, words);
    float maxDifference = 0;
    for (int i = 0; i < 6; i++) {
      assertThat(single[6 + i]).isCloseTo(single[i], within(1e-6f));
      maxDifference = Math.max(maxDifference, Math.abs(wide[6 + i] - wide[i]));
    }
    assertThat(maxDifference).isGreaterThan(1e-3f);
  }

  /**
   * "c_x petals c_y center" is positive when the petal colour x is 0 or 1: the caption with the
   * colours swapped is the same bag of words with the other label when exactly one of them is.
   * Phrase features over 2 words learn all 12 captions; over 1 word the swapped captions score
   * alike.
   */
  @Test
  void phrasesLearnWhichColourGoesWithWhichNounWhereABagOfWordsCannot() {
    int petals = 4;
    int center = 5;
    float[][] v = vocabulary(6, 30);
    List<int[]> ids = new ArrayList<>();
    float[] labels = new float[12];
    for (int x = 0; x < 4; x++) {
      for (int y = 0; y < 4; y++) {
        if (x != y) {
          labels[ids.size()] = x < 2 ? 1f : 0f;
          ids.add(new int[] {x, petals, y, center});
        }
      }
    }
    float[] words = captions(v, 4, ids.toArray(int[][]::new));
    float[] two = trainedLogits(2, words, labels);
    for (int i = 0; i < 12; i++) {
      assertThat(two[i] > 0).as("caption %s", i).isEqualTo(labels[i] > 0);
    }
    float[] one = trainedLogits(1, words, labels);
    int mixed = 0;
    for (int i = 0; i < 12; i++) {
      int[] c = ids.get(i);
      int swapped =
          ids.indexOf(
              ids.stream().filter(o -> o[0] == c[2] && o[2] == c[0]).findFirst().orElseThrow());
      if (labels[i] != labels[swapped]) {
        mixed++;
        assertThat(one[i]).isCloseTo(one[swapped], within(1e-5f));
      }
    }
    assertThat(mixed).isEqualTo(8);
  }

  /**
   * Logits of a linear read-out of phrase features after 300 Adam steps on the whole batch
   * (seeded).
   */
  static float[] trainedLogits(int width, float[] words, float[] labels) {
    try (GraphRunner g = new GraphRunner()) {
      Placeholder<TFloat32> x = g.input("x", -1, 4, D);
      Placeholder<TFloat32> y = g.input("y", -1);
      Parameters p = Parameters.create(7).scope("T");
      Operand<TFloat32> f = Layers.phrases(g.tf, p, "p", x, D, width, 16);
      Operand<TFloat32> logits =
          g.tf.reshape(Layers.dense(g.tf, p, "out", f, 16, 1), g.tf.constant(new long[] {-1}));
      Operand<TFloat32> loss =
          g.tf.math.mean(
              org.tensorflow.framework.op.FrameworkOps.create(g.tf)
                  .nn
                  .sigmoidCrossEntropyWithLogits(y, logits),
              g.tf.constant(0));
      List<Variable<TFloat32>> vars = p.trainableVariables();
      Output<?>[] xs = vars.stream().map(Variable::asOutput).toArray(Output[]::new);
      Output<?>[] grads =
          g.graph.addGradients("grads", new Output<?>[] {loss.asOutput()}, xs, null);
      List<Optimizer.GradAndVar<? extends TType>> pairs = new ArrayList<>();
      for (int i = 0; i < xs.length; i++) {
        pairs.add(new Optimizer.GradAndVar(grads[i], xs[i]));
      }
      Op step = new Adam(g.graph, "Adam", 0.02f).applyGradients(pairs, "train");
      try (TFloat32 xt = TFloat32.tensorOf(Shape.of(labels.length, 4, D), DataBuffers.of(words));
          TFloat32 yt = TFloat32.tensorOf(Shape.of(labels.length), DataBuffers.of(labels))) {
        for (int i = 0; i < 300; i++) {
          g.session().runner().feed(x, xt).feed(y, yt).addTarget(step).run();
        }
      }
      return g.run(logits, Map.of(x, words));
    }
  }
}
