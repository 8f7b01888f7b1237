package dev.t2i.curation.mixture;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

/**
 * A fitted Gaussian mixture.
 *
 * @param type full or diagonal covariances
 * @param weights mixing weights, summing to 1 ({@code K})
 * @param means component means ({@code K × d})
 * @param covariances per component: the row-major {@code d × d} covariance, or the {@code d}
 *     variances when diagonal
 */
public record GaussianMixture(
    CovarianceType type, double[] weights, double[][] means, double[][] covariances) {
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  public GaussianMixture {
    int k = weights.length;
    if (k == 0 || means.length != k || covariances.length != k) {
      throw new IllegalArgumentException(
          "a mixture needs as many means and covariances as weights");
    }
    int d = means[0].length;
    int size = type == CovarianceType.FULL ? d * d : d;
    for (int c = 0; c < k; c++) {
      if (means[c].length != d || covariances[c].length != size) {
        throw new IllegalArgumentException(
            "component " + c + " has the wrong shape for " + d + " dimensions");
      }
    }
  }

  /** Number of components. */
  public int components() {
    return weights.length;
  }

  /** Dimension of the data. */
  public int dimension() {
    return means[0].length;
  }

  /** Free parameters, for BIC. */
  public long parameters() {
    long k = components();
    long d = dimension();
    long covariance = type == CovarianceType.FULL ? d * (d + 1) / 2 : d;
    return (k - 1) + k * d + k * covariance;
  }

  /**
   * Bayesian information criterion on {@code n} rows with mean log-likelihood {@code
   * meanLogLikelihood}.
   */
  public double bic(double meanLogLikelihood, long n) {
    return -2 * meanLogLikelihood * n + parameters() * Math.log(n);
  }

  /** Precomputes what scoring needs (Cholesky factors, log-determinants). */
  public Scorer scorer() {
    return new Scorer(this);
  }

  /** Log-densities of rows under each component. Thread-safe. */
  public static final class Scorer {
    private final GaussianMixture m;
    private final int k;
    private final int d;
    private final double[] constant;
    private final double[][] factor;

    private Scorer(GaussianMixture m) {
      this.m = m;
      this.k = m.components();
      this.d = m.dimension();
      constant = new double[k];
      factor = new double[k][];
      for (int c = 0; c < k; c++) {
        double logDet = 0;
        if (m.type == CovarianceType.FULL) {
          double[][] s = new double[d][d];
          for (int i = 0; i < d; i++) {
            System.arraycopy(m.covariances[c], i * d, s[i], 0, d);
          }
          double[][] l;
          try {
            l =
                new CholeskyDecomposition(new Array2DRowRealMatrix(s, false), 1e-8, 0)
                    .getL()
                    .getData();
          } catch (NonPositiveDefiniteMatrixException e) {
            throw new IllegalStateException(
                "the covariance of component "
                    + c
                    + " is not positive definite; "
                    + "raise mixture.regularization or use covariance: diagonal",
                e);
          }
          double[] flat = new double[d * d];
          for (int i = 0; i < d; i++) {
            System.arraycopy(l[i], 0, flat, i * d, d);
            logDet += 2 * Math.log(l[i][i]);
          }
          factor[c] = flat;
        } else {
          double[] inverse = new double[d];
          for (int j = 0; j < d; j++) {
            double v = m.covariances[c][j];
            if (!(v > 0)) {
              throw new IllegalStateException(
                  "variance "
                      + j
                      + " of component "
                      + c
                      + " is "
                      + v
                      + "; raise mixture.regularization");
            }
            inverse[j] = 1 / v;
            logDet += Math.log(v);
          }
          factor[c] = inverse;
        }
        constant[c] = Math.log(m.weights[c]) - 0.5 * (d * LOG_2PI + logDet);
      }
    }

    /**
     * Writes {@code log(w_c) + log N(x | μ_c, Σ_c)} for every component into {@code out} and
     * returns their log-sum-exp, the row's log-likelihood.
     *
     * @param z scratch of length {@code d}
     */
    public double logJoint(double[] x, int offset, double[] out, double[] z) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double[] mu = m.means[c];
        double[] f = factor[c];
        double q = 0;
        if (m.type == CovarianceType.FULL) {
          // Solve L z = x - μ; the squared Mahalanobis distance is |z|².
          for (int i = 0; i < d; i++) {
            double s = x[offset + i] - mu[i];
            int row = i * d;
            for (int j = 0; j < i; j++) {
              s -= f[row + j] * z[j];
            }
            z[i] = s / f[row + i];
            q += z[i] * z[i];
          }
        } else {
          for (int i = 0; i < d; i++) {
            double diff = x[offset + i] - mu[i];
            q += diff * diff * f[i];
          }
        }
        out[c] = constant[c] - 0.5 * q;
        max = Math.max(max, out[c]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(out[c] - max);
      }
      return max + Math.log(sum);
    }
  }

  /**
   * The most likely component of every row, with its posterior probability, and the mean
   * log-likelihood.
   */
  public Assignment assign(double[] x, int n) {
    Rows rows = new Rows(x, n, dimension());
    Scorer s = scorer();
    int[] label = new int[n];
    double[] probability = new double[n];
    double total =
        rows
            .map(
                b -> {
                  double[] logp = new double[components()];
                  double[] z = new double[dimension()];
                  double ll = 0;
                  for (int i = rows.start(b); i < rows.end(b); i++) {
                    double lse = s.logJoint(x, i * dimension(), logp, z);
                    ll += lse;
                    int best = 0;
                    for (int c = 1; c < logp.length; c++) {
                      if (logp[c] > logp[best]) {
                        best = c;
                      }
                    }
                    label[i] = best;
                    probability[i] = Math.exp(logp[best] - lse);
                  }
                  return ll;
                })
            .stream()
            .mapToDouble(Double::doubleValue)
            .sum();
    return new Assignment(label, probability, total / n);
  }

  /**
   * Hard assignments.
   *
   * @param labels the most likely component of each row
   * @param probabilities the posterior probability of that component
   * @param meanLogLikelihood mean log-likelihood per row
   */
  public record Assignment(int[] labels, double[] probabilities, double meanLogLikelihood) {}
}
