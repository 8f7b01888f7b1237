package dev.t2i.curation.pca;

import dev.t2i.api.Progress;
import dev.t2i.curation.matrix.FeatureRows;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streamed principal component analysis: three passes over the rows (mean, covariance, projection),
 * each one chunk of {@link PcaSettings#chunkRows()} rows at a time. The covariance is summed in
 * double precision from TensorFlow's chunk products; its leading eigenvectors come from subspace
 * iteration with a Rayleigh–Ritz step (Commons Math solves the small eigenproblem).
 *
 * <p>Memory: the {@code d × d} covariance (about 200 MB at d = 4,096) plus one chunk, whatever the
 * number of rows.
 */
public final class Pca {
  private static final Logger LOG = LoggerFactory.getLogger(Pca.class);

  private Pca() {}

  /** Fits {@code settings.components()} principal axes to {@code rows}. */
  public static PcaModel fit(
      FeatureRows rows, PcaSettings settings, long seed, Progress.Factory progress)
      throws IOException {
    int d = rows.dimension();
    long n = rows.rows();
    if (n < 2) {
      throw new IllegalArgumentException("PCA needs at least 2 rows, got " + n);
    }
    int k = Math.min(settings.components(), d);
    if (k <= 0) {
      throw new IllegalArgumentException(
          "pca.components must be positive to fit a PCA, got " + settings.components());
    }
    int chunk = settings.chunkRows();
    double[] sum = new double[d];
    try (Progress bar = progress.start("PCA: mean", n, "rows")) {
      rows.forEachChunk(
          chunk,
          (first, values, count) -> {
            for (int i = 0; i < count; i++) {
              int o = i * d;
              for (int j = 0; j < d; j++) {
                sum[j] += values[o + j];
              }
            }
            bar.set(first + count);
          });
    }
    float[] mean = new float[d];
    for (int j = 0; j < d; j++) {
      mean[j] = (float) (sum[j] / n);
    }
    try (PcaGraph g = new PcaGraph(d)) {
      double[] cov = new double[d * d];
      try (Progress bar = progress.start("PCA: covariance", n, "rows")) {
        rows.forEachChunk(
            chunk,
            (first, values, count) -> {
              float[] part = g.gram(values, count, mean);
              for (int i = 0; i < part.length; i++) {
                cov[i] += part[i];
              }
              bar.set(first + count);
            });
      }
      float[] c = new float[d * d];
      double trace = 0;
      for (int i = 0; i < cov.length; i++) {
        c[i] = (float) (cov[i] / (n - 1));
      }
      for (int j = 0; j < d; j++) {
        trace += cov[j * d + j] / (n - 1);
      }
      return leadingAxes(g, c, d, k, trace, mean, settings, seed);
    }
  }

  private static PcaModel leadingAxes(
      PcaGraph g,
      float[] c,
      int d,
      int k,
      double trace,
      float[] mean,
      PcaSettings settings,
      long seed) {
    int m = Math.min(d, k + Math.max(10, k / 2));
    float[] q = new float[d * m];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) r.nextGaussian();
    }
    double[] previous = null;
    double[] lambda = null;
    double[][] vectors = null;
    int iteration = 0;
    while (iteration < settings.maxIterations()) {
      iteration++;
      List<float[]> step = g.iterate(c, q, m);
      q = step.get(0);
      EigenDecomposition eig = new EigenDecomposition(symmetric(step.get(1), m));
      Integer[] order = new Integer[m];
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
      double[] values = eig.getRealEigenvalues();
      Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
      lambda = new double[k];
      vectors = new double[k][];
      for (int i = 0; i < k; i++) {
        lambda[i] = values[order[i]];
        vectors[i] = eig.getEigenvector(order[i]).toArray();
      }
      if (previous != null && converged(previous, lambda, settings.tolerance())) {
        break;
      }
      previous = lambda;
    }
    LOG.info("PCA: {} of {} dimensions after {} subspace iterations", k, d, iteration);
    // Ritz vectors: Q V, one axis per row.
    float[] axes = new float[k * d];
    for (int a = 0; a < k; a++) {
      double[] v = vectors[a];
      int best = 0;
      double bestAbs = -1;
      double[] axis = new double[d];
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int b = 0; b < m; b++) {
          s += q[j * m + b] * v[b];
        }
        axis[j] = s;
        if (Math.abs(s) > bestAbs) {
          bestAbs = Math.abs(s);
          best = j;
        }
      }
      double sign = axis[best] < 0 ? -1 : 1;
      for (int j = 0; j < d; j++) {
        axes[a * d + j] = (float) (sign * axis[j]);
      }
    }
    return new PcaModel(mean, axes, lambda, trace, iteration);
  }

  private static boolean converged(double[] before, double[] after, double tolerance) {
    for (int i = 0; i < after.length; i++) {
      double scale = Math.max(Math.abs(after[i]), 1e-30);
      if (Math.abs(after[i] - before[i]) / scale > tolerance) {
        return false;
      }
    }
    return true;
  }

  private static RealMatrix symmetric(float[] b, int m) {
    double[][] s = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        s[i][j] = 0.5 * (b[i * m + j] + b[j * m + i]);
      }
    }
    return new Array2DRowRealMatrix(s, false);
  }

  /**
   * The rows projected on the model's axes, row-major {@code n × k}, in double precision for the
   * mixture fit.
   */
  public static double[] project(
      FeatureRows rows, PcaModel model, int chunkRows, Progress.Factory progress)
      throws IOException {
    int d = rows.dimension();
    if (d != model.dimension()) {
      throw new IllegalArgumentException(
          "rows have " + d + " dimensions; the PCA was fitted to " + model.dimension());
    }
    int k = model.k();
    float[] w = new float[d * k];
    float[] axes = model.components();
    for (int a = 0; a < k; a++) {
      for (int j = 0; j < d; j++) {
        w[j * k + a] = axes[a * d + j];
      }
    }
    long n = rows.rows();
    double[] out = new double[Math.toIntExact(n * k)];
    try (PcaGraph g = new PcaGraph(d);
        Progress bar = progress.start("PCA: projection", n, "rows")) {
      rows.forEachChunk(
          chunkRows,
          (first, values, count) -> {
            float[] p = g.project(values, count, model.mean(), w, k);
            for (int i = 0; i < p.length; i++) {
              out[(int) (first * k) + i] = p[i];
            }
            bar.set(first + count);
          });
    }
    return out;
  }

  /** The rows as they are, row-major {@code n × d}, in double precision: no PCA. */
  public static double[] load(FeatureRows rows, int chunkRows) throws IOException {
    int d = rows.dimension();
    double[] out = new double[Math.toIntExact(rows.rows() * d)];
    rows.forEachChunk(
        chunkRows,
        (first, values, count) -> {
          for (int i = 0; i < count * d; i++) {
            out[(int) (first * d) + i] = values[i];
          }
        });
    return out;
  }
}
