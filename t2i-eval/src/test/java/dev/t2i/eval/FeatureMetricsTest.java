package dev.t2i.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureMetricsTest {
  static float[][] gaussian(int n, int d, double shift, double scale, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] x = new float[n][d];
    for (float[] row : x) {
      for (int i = 0; i < d; i++) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        row[i] =
            (float) (shift + scale * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
      }
    }
    return x;
  }

  @Test
  void frechetDistanceIsTheSquaredShiftForEqualCovariances() {
    float[][] a = gaussian(4000, 4, 0, 1, 1);
    float[][] b = gaussian(4000, 4, 0.5, 1, 2);
    // |Δμ|² = 4 × 0.25 = 1; the covariance terms nearly cancel.
    assertThat(FeatureMetrics.frechet(a, b)).isCloseTo(1.0, within(0.1));
    assertThat(FeatureMetrics.frechet(a, a)).isCloseTo(0.0, within(1e-6));
    // Scale 2: Tr(Σa + Σb - 2(ΣaΣb)^½) = 4 × (1 + 4 - 4) = 4.
    assertThat(FeatureMetrics.frechet(a, gaussian(4000, 4, 0, 2, 3))).isCloseTo(4.0, within(0.4));
  }

  @Test
  void kidIsNearZeroForOneDistributionAndPositiveForTwo() {
    float[][] a = gaussian(600, 8, 0, 1, 1);
    assertThat(FeatureMetrics.kid(a, gaussian(600, 8, 0, 1, 4), 5, 300, 1))
        .isCloseTo(0.0, within(0.02));
    assertThat(FeatureMetrics.kid(a, gaussian(600, 8, 1, 1, 5), 5, 300, 1)).isGreaterThan(0.3);
  }

  @Test
  void precisionAndRecallSeparateQualityFromCoverage() {
    float[][] real = gaussian(500, 2, 0, 1, 1);
    var same = FeatureMetrics.manifold(real, gaussian(500, 2, 0, 1, 6), 3);
    assertThat(same.precision()).isGreaterThan(0.9);
    assertThat(same.recall()).isGreaterThan(0.9);
    // Collapsed samples: all near the mean. Precise, but they recall little of the real spread.
    var collapsed = FeatureMetrics.manifold(real, gaussian(500, 2, 0, 0.05, 7), 3);
    assertThat(collapsed.precision()).isGreaterThan(0.9);
    assertThat(collapsed.recall()).isLessThan(0.2);
    var far = FeatureMetrics.manifold(real, gaussian(500, 2, 20, 1, 8), 3);
    assertThat(far.precision()).isZero();
    assertThat(far.coverage()).isZero();
  }

  @Test
  void nearestAndPairwiseDistances() {
    float[][] a = {{0, 0}, {3, 4}};
    assertThat(FeatureMetrics.meanPairwiseDistance(a)).isEqualTo(5.0);
    assertThat(FeatureMetrics.meanNearestDistance(new float[][] {{0, 1}}, a)).isEqualTo(1.0);
  }
}
