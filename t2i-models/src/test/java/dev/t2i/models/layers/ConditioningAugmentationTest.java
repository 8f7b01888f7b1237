package dev.t2i.models.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.t2i.api.Mode;
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

class ConditioningAugmentationTest {
  static final int D = 4;
  static final int ROWS = 4000;

  /** {@code ROWS} copies of one feature row. */
  static float[] copies(float[] row) {
    float[] out = new float[ROWS * D];
    for (int i = 0; i < ROWS; i++) {
      System.arraycopy(row, 0, out, i * D, D);
    }
    return out;
  }

  /**
   * {@code x · W + b} in Java, from the variables {@code name_w} and {@code name_b} of {@code p}.
   */
  static float[] dense(GraphRunner g, Parameters p, String name, float[] x) {
    float[] w = g.run(variable(p, name + "_w"));
    float[] b = g.run(variable(p, name + "_b"));
    float[] y = b.clone();
    for (int j = 0; j < D; j++) {
      for (int i = 0; i < D; i++) {
        y[j] += x[i] * w[i * D + j];
      }
    }
    return y;
  }

  static Variable<TFloat32> variable(Parameters p, String name) {
    return p.trainableVariables().stream()
        .filter(v -> v.op().name().equals(p.prefix() + name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void trainingSamplesAroundTheMeanAndRecordsTheWeightedKlDivergence() {
    float[] row = GraphRunner.uniform(D, 3);
    try (GraphRunner g = new GraphRunner()) {
      Parameters p = Parameters.create(7).scope("G");
      Placeholder<TFloat32> x = g.input("x", -1, D);
      Operand<TFloat32> sampled =
          Layers.conditioningAugmentation(g.tf, p, "ca", x, D, 2.0, Mode.TRAIN);
      assertThat(p.penalties()).hasSize(1);
      Operand<TFloat32> mean =
          Layers.conditioningAugmentation(g.tf, p, "ca", x, D, 2.0, Mode.INFERENCE);
      assertThat(p.penalties()).as("inference records no penalty").hasSize(1);

      float[] mu = dense(g, p, "ca_mu", row);
      float[] logVariance = dense(g, p, "ca_logvar", row);
      assertThat(g.run(mean, Map.of(x, row))).containsExactly(mu, within(1e-5f));

      float[] draws = g.run(sampled, Map.of(x, copies(row)));
      double expectedKl = 0;
      for (int j = 0; j < D; j++) {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < ROWS; i++) {
          sum += draws[i * D + j];
          squares += draws[i * D + j] * draws[i * D + j];
        }
        double m = sum / ROWS;
        double sd = Math.sqrt(squares / ROWS - m * m);
        double sigma = Math.exp(0.5 * logVariance[j]);
        // 4,000 draws: the mean within 4 standard errors, the spread within 5%.
        assertThat(m).isCloseTo(mu[j], within(4 * sigma / Math.sqrt(ROWS)));
        assertThat(sd).isCloseTo(sigma, within(0.05 * sigma));
        expectedKl += 0.5 * (mu[j] * mu[j] + Math.exp(logVariance[j]) - 1 - logVariance[j]);
      }
      float[] kl = g.run(p.penalties().get(0), Map.of(x, copies(row)));
      assertThat(kl[0])
          .isCloseTo((float) (2.0 * expectedKl), within(1e-4f * (float) Math.max(1, expectedKl)));
      // Two runs draw differently: the sample is random, the mean is not.
      assertThat(g.run(sampled, Map.of(x, row))).isNotEqualTo(g.run(sampled, Map.of(x, row)));
    }
  }

  @Test
  void thePenaltyTrainsBothLayers() {
    try (GraphRunner g = new GraphRunner()) {
      Parameters p = Parameters.create(7).scope("G");
      Placeholder<TFloat32> x = g.input("x", -1, D);
      Layers.conditioningAugmentation(g.tf, p, "ca", x, D, 1.0, Mode.TRAIN);
      List<Variable<TFloat32>> vars = p.trainableVariables();
      assertThat(vars).hasSize(4);
      var grads = g.tf.gradients(p.penalties().get(0), vars);
      for (int i = 0; i < vars.size(); i++) {
        @SuppressWarnings("unchecked")
        Output<TFloat32> dv = (Output<TFloat32>) (Output<?>) grads.dy(i);
        float[] values = g.run(dv, Map.of(x, GraphRunner.uniform(8 * D, 5)));
        float largest = 0;
        for (float v : values) {
          largest = Math.max(largest, Math.abs(v));
        }
        assertThat(largest).as("gradient of %s", vars.get(i).op().name()).isGreaterThan(1e-4f);
      }
    }
  }
}
