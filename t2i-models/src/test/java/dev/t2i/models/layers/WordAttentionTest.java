package dev.t2i.models.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.t2i.api.Parameters;
import dev.t2i.models.GraphRunner;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class WordAttentionTest {
  static final int D = PhrasesTest.D;
  static final int SIZE = 4;
  static final int CHANNELS = 3;
  static final float[] MAP = GraphRunner.uniform(SIZE * SIZE * CHANNELS, 40);

  /**
   * The attended map for one caption of {@code steps} positions read through phrase features of
   * {@code width}.
   */
  static float[] attend(int steps, int width, float[] words) {
    try (GraphRunner g = new GraphRunner()) {
      Parameters p = Parameters.create(9).scope("G");
      Placeholder<TFloat32> x = g.input("x", -1, steps, D);
      Placeholder<TFloat32> map = g.input("map", -1, SIZE, SIZE, CHANNELS);
      Layers.Phrases phrases = Layers.phraseFeatures(g.tf, p, "p", x, D, width, 5);
      Operand<TFloat32> out = Layers.wordAttention(g.tf, p, "a", map, SIZE, CHANNELS, phrases);
      assertThat(g.shape(out, Map.of(x, words, map, MAP))).containsExactly(1, SIZE, SIZE, CHANNELS);
      // Every weight gets a gradient that is not zero: the query, the output convolution and the
      // phrase features.
      float[] largest =
          g.largestGradients(
              g.tf.reduceSum(g.tf.math.square(out), g.tf.constant(new int[] {0, 1, 2, 3})),
              p.trainableVariables(),
              Map.of(x, words, map, MAP));
      assertThat(largest).hasSize(p.trainableVariables().size());
      for (int i = 0; i < largest.length; i++) {
        assertThat(largest[i]).as(p.trainableVariables().get(i).op().name()).isGreaterThan(0f);
      }
      assertThat(p.trainableCount())
          .isEqualTo((long) width * D * 5 + 5 + CHANNELS * 5 + 5 * CHANNELS + CHANNELS);
      return g.run(out, Map.of(x, words, map, MAP));
    }
  }

  @Test
  void paddingGetsNoAttention() {
    float[][] v = PhrasesTest.vocabulary(3, 50);
    float[] three = attend(3, 2, PhrasesTest.captions(v, 3, new int[] {0, 1, 2}));
    float[] seven = attend(7, 2, PhrasesTest.captions(v, 7, new int[] {0, 1, 2, -1, -1, -1, -1}));
    assertThat(seven).containsExactly(three, within(1e-5f));
  }

  @Test
  void attentionReadsTheWordsAsASetAndTheirNeighboursThroughPhrases() {
    float[][] v = PhrasesTest.vocabulary(3, 60);
    float[] forward = PhrasesTest.captions(v, 3, new int[] {0, 1, 2});
    float[] backward = PhrasesTest.captions(v, 3, new int[] {2, 1, 0});
    // Single words: the order does not matter.
    assertThat(attend(3, 1, backward)).containsExactly(attend(3, 1, forward), within(1e-5f));
    // Windows of 2 see the order.
    float[] a = attend(3, 2, forward);
    float[] b = attend(3, 2, backward);
    float largest = 0;
    for (int i = 0; i < a.length; i++) {
      largest = Math.max(largest, Math.abs(a[i] - b[i]));
    }
    assertThat(largest).isGreaterThan(1e-5f);
    // Another word changes what is read.
    float[] other =
        attend(3, 1, PhrasesTest.captions(PhrasesTest.vocabulary(3, 61), 3, new int[] {0, 1, 2}));
    assertThat(other).isNotEqualTo(attend(3, 1, forward));
  }
}
