package dev.t2i.models.convlstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.t2i.api.Parameters;
import dev.t2i.models.GraphRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class ConvLstmTest {
  static final int B = 2;
  static final int T = 3;
  static final int H = 3;
  static final int C = 2;
  static final int F = 2;

  /** A scalar loss Σ H ∘ R over all hidden states, for fixed random R. */
  record Built(
      GraphRunner g,
      Placeholder<TFloat32> x,
      Placeholder<TFloat32> m,
      Operand<TFloat32> hidden,
      Operand<TFloat32> loss,
      Parameters p) {}

  static Built build() {
    GraphRunner g = new GraphRunner();
    Placeholder<TFloat32> x = g.input("x", -1, T, H, H, C);
    Placeholder<TFloat32> m = g.input("m", -1, T);
    Parameters p = Parameters.create(3).scope("L");
    Operand<TFloat32> hidden = ConvLstm.apply(g.tf, p, x, m, T, H, H, C, F, 3);
    float[] r = GraphRunner.uniform(B * T * H * H * F, 9);
    Operand<TFloat32> loss =
        g.tf.reduceSum(
            g.tf.math.mul(
                hidden, g.tf.reshape(g.tf.constant(r), g.tf.constant(new long[] {B, T, H, H, F}))),
            g.tf.constant(new int[] {0, 1, 2, 3, 4}));
    return new Built(g, x, m, hidden, loss, p);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Built b = build();
    try (GraphRunner g = b.g()) {
      float[] x = GraphRunner.uniform(B * T * H * H * C, 4);
      float[] m = {1, 1, 1, 1, 1, 0};
      Map<Placeholder<TFloat32>, float[]> feeds = Map.of(b.x(), x, b.m(), m);
      List<Variable<TFloat32>> vars = b.p().trainableVariables();
      assertThat(vars)
          .extracting(v -> v.op().name())
          .containsExactly("L_wx", "L_wh", "L_wci", "L_wcf", "L_wco", "L_b");
      Output<?>[] grads =
          g.graph.addGradients(
              b.loss().asOutput(), vars.stream().map(Variable::asOutput).toArray(Output[]::new));
      // Give the peepholes and recurrent weights values large enough to matter.
      for (Variable<TFloat32> v : vars) {
        long n = 1;
        for (long d : v.shape().asArray()) {
          n *= d;
        }
        float[] values = GraphRunner.uniform((int) n, v.op().name().hashCode());
        for (int i = 0; i < values.length; i++) {
          values[i] *= 0.5f;
        }
        g.session()
            .runner()
            .addTarget(
                g.tf.assign(
                    v, g.tf.reshape(g.tf.constant(values), g.tf.constant(v.shape().asArray()))))
            .run();
      }
      int checked = 0;
      for (int k = 0; k < vars.size(); k++) {
        Variable<TFloat32> v = vars.get(k);
        @SuppressWarnings("unchecked")
        float[] analytic = g.run((Operand<TFloat32>) grads[k], feeds);
        float[] value = g.run(v);
        for (int i = 0; i < value.length; i += Math.max(1, value.length / 6)) {
          double eps = 1e-2;
          double up = lossWith(g, b, v, value, i, (float) (value[i] + eps), feeds);
          double down = lossWith(g, b, v, value, i, (float) (value[i] - eps), feeds);
          double numeric = (up - down) / (2 * eps);
          assertThat((double) analytic[i])
              .as("%s[%d]", v.op().name(), i)
              .isCloseTo(numeric, within(2e-2 + 2e-2 * Math.abs(numeric)));
          checked++;
        }
        setAll(g, v, value);
      }
      assertThat(checked).isGreaterThan(20);
    }
  }

  private static double lossWith(
      GraphRunner g,
      Built b,
      Variable<TFloat32> v,
      float[] value,
      int i,
      float x,
      Map<Placeholder<TFloat32>, float[]> feeds) {
    float[] changed = value.clone();
    changed[i] = x;
    setAll(g, v, changed);
    return g.run(b.loss(), feeds)[0];
  }

  private static void setAll(GraphRunner g, Variable<TFloat32> v, float[] values) {
    g.session()
        .runner()
        .addTarget(
            g.tf.assign(v, g.tf.reshape(g.tf.constant(values), g.tf.constant(v.shape().asArray()))))
        .run();
  }

  @Test
  void paddedStepsKeepTheLastRealState() {
    Built b = build();
    try (GraphRunner g = b.g()) {
      float[] x = GraphRunner.uniform(B * T * H * H * C, 5);
      float[] h = g.run(b.hidden(), Map.of(b.x(), x, b.m(), new float[] {1, 1, 1, 1, 0, 0}));
      int step = H * H * F;
      // Caption 0 has three real words: its states change at every step.
      assertThat(java.util.Arrays.copyOfRange(h, 0, step))
          .isNotEqualTo(java.util.Arrays.copyOfRange(h, step, 2 * step));
      // Caption 1 has one: steps 2 and 3 repeat step 1.
      int c1 = T * step;
      float[] first = java.util.Arrays.copyOfRange(h, c1, c1 + step);
      assertThat(java.util.Arrays.copyOfRange(h, c1 + step, c1 + 2 * step)).containsExactly(first);
      assertThat(java.util.Arrays.copyOfRange(h, c1 + 2 * step, c1 + 3 * step))
          .containsExactly(first);
    }
  }
}
