package dev.t2i.curation.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.t2i.api.Progress;
import dev.t2i.curation.matrix.FeatureRows;
import dev.t2i.curation.matrix.SyntheticMixtureRows;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.junit.jupiter.api.Test;

class PcaTest {

  private static float[][] data(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] x = new float[n][d];
    for (float[] row : x) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      for (int j = 0; j < d; j++) {
        // Two strong directions, decaying noise, and an offset that centring must remove.
        row[j] =
            (float)
                (5 + 4 * a * Math.cos(j) + 2 * b * Math.sin(0.5 * j) + r.nextGaussian() / (1 + j));
      }
    }
    return x;
  }

  @Test
  void matchesAnExactEigendecompositionWhateverTheChunkSize() throws Exception {
    int n = 700;
    int d = 24;
    int k = 5;
    float[][] x = data(n, d, 3);
    double[][] xd = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        xd[i][j] = x[i][j];
      }
    }
    EigenDecomposition exact = new EigenDecomposition(new Covariance(xd).getCovarianceMatrix());
    Integer[] order = new Integer[d];
    Arrays.setAll(order, i -> i);
    double[] values = exact.getRealEigenvalues();
    Arrays.sort(order, Comparator.comparingDouble(i -> -values[i]));
    double trace = Arrays.stream(values).sum();

    PcaModel small =
        Pca.fit(FeatureRows.of(x), new PcaSettings(k, 1e-9, 200, 64), 1, Progress.Factory.SILENT);
    PcaModel large =
        Pca.fit(FeatureRows.of(x), new PcaSettings(k, 1e-9, 200, 4096), 2, Progress.Factory.SILENT);
    assertThat(small.totalVariance()).isCloseTo(trace, within(1e-3 * trace));
    for (int a = 0; a < k; a++) {
      double[] v = exact.getEigenvector(order[a]).toArray();
      assertThat(small.variances()[a]).isCloseTo(values[order[a]], within(1e-4 * values[order[0]]));
      assertThat(large.variances()[a])
          .isCloseTo(small.variances()[a], within(1e-4 * values[order[0]]));
      double dot = 0;
      for (int j = 0; j < d; j++) {
        dot += v[j] * small.components()[a * d + j];
      }
      assertThat(Math.abs(dot)).as("axis " + a).isCloseTo(1.0, within(1e-3));
    }
    assertThat(small.explainedVarianceRatio()).isGreaterThan(0.95).isLessThanOrEqualTo(1.0);

    double[] projected = Pca.project(FeatureRows.of(x), small, 100, Progress.Factory.SILENT);
    for (int i = 0; i < n; i += 97) {
      for (int a = 0; a < k; a++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += (x[i][j] - small.mean()[j]) * small.components()[a * d + j];
        }
        assertThat(projected[i * k + a]).isCloseTo(s, within(1e-3 * (1 + Math.abs(s))));
      }
    }
  }

  @Test
  void findsTheSubspaceOfHighDimensionalMixtureFeatures() throws Exception {
    // 6 clusters in an 8-d subspace of 512 dimensions, with noise: 8 axes hold almost everything.
    SyntheticMixtureRows rows = new SyntheticMixtureRows(3000, 512, 6, 8, 0.05, 9);
    PcaModel pca = Pca.fit(rows, new PcaSettings(8, 1e-7, 200, 1000), 4, Progress.Factory.SILENT);
    assertThat(pca.explainedVarianceRatio()).isGreaterThan(0.95);
    PcaModel nine = Pca.fit(rows, new PcaSettings(9, 1e-7, 200, 1000), 4, Progress.Factory.SILENT);
    // The ninth axis is noise: a tiny share of what the eighth holds.
    assertThat(nine.variances()[8]).isLessThan(0.05 * nine.variances()[7]);
  }
}
