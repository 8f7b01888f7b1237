package dev.t2i.models.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.t2i.api.Parameters;
import dev.t2i.models.GraphRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class UpsamplingTest {
  /**
   * The one transposed convolution computes what a nearest doubling then a 3 × 3 convolution of the
   * same weights computes, and has the same gradients, for the input and for the weights.
   */
  @Test
  void doubleThenConvIsNearestDoublingThenAThreeByThreeConvolution() {
    try (GraphRunner g = new GraphRunner()) {
      int size = 5;
      Parameters p = Parameters.create(3).scope("G");
      Placeholder<TFloat32> x = g.input("x", -1, size, size, 4);
      Operand<TFloat32> reference =
          Layers.conv(g.tf, p, "up", Layers.resize(g.tf, x, size, Upsampling.NEAREST), 4, 3, 3, 1);
      Operand<TFloat32> folded = Layers.doubleThenConv(g.tf, p, "up", x, 4, 3, size);
      assertThat(p.trainableVariables()).hasSize(2);
      float[] in = GraphRunner.uniform(2 * size * size * 4, 11);
      Map<Placeholder<TFloat32>, float[]> feed = Map.of(x, in);
      assertThat(g.shape(folded, feed)).containsExactly(2, 10, 10, 3);
      assertThat(g.run(folded, feed)).containsExactly(g.run(reference, feed), within(1e-5f));

      // The same gradients, under a loss that weighs every output differently.
      Operand<TFloat32> weights =
          g.tf.constant(
              org.tensorflow.ndarray.Shape.of(2, 10, 10, 3),
              org.tensorflow.ndarray.buffer.DataBuffers.of(
                  GraphRunner.uniform(600, 12), true, false));
      List<Operand<?>> wrt = new java.util.ArrayList<>(List.of(x));
      for (Variable<TFloat32> v : p.trainableVariables()) {
        wrt.add(v);
      }
      for (int i = 0; i < wrt.size(); i++) {
        float[] a = gradient(g, reference, weights, wrt.get(i), feed);
        float[] b = gradient(g, folded, weights, wrt.get(i), feed);
        assertThat(b).as("gradient %d", i).containsExactly(a, within(1e-4f));
        assertThat(a).as("gradient %d is not zero", i).isNotEqualTo(new float[a.length]);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static float[] gradient(
      GraphRunner g,
      Operand<TFloat32> y,
      Operand<TFloat32> weights,
      Operand<?> wrt,
      Map<Placeholder<TFloat32>, float[]> feed) {
    Operand<TFloat32> loss =
        g.tf.reduceSum(g.tf.math.mul(y, weights), g.tf.constant(new int[] {0, 1, 2, 3}));
    return g.run((Operand<TFloat32>) g.tf.gradients(loss, List.of(wrt)).dy().get(0), feed);
  }
}
