package dev.t2i.curation.pca;

/**
 * A fitted principal component analysis.
 *
 * @param mean the feature mean ({@code d})
 * @param components the principal axes, row-major {@code k × d}, by decreasing variance; each
 *     axis's largest entry is positive, so that a fit is reproducible
 * @param variances the variance along each axis ({@code k})
 * @param totalVariance the trace of the covariance
 * @param iterations subspace iterations used
 */
public record PcaModel(
    float[] mean, float[] components, double[] variances, double totalVariance, int iterations) {

  /** Number of components. */
  public int k() {
    return variances.length;
  }

  /** Dimension of the input. */
  public int dimension() {
    return mean.length;
  }

  /** The share of the total variance the kept components explain. */
  public double explainedVarianceRatio() {
    double s = 0;
    for (double v : variances) {
      s += v;
    }
    return totalVariance > 0 ? s / totalVariance : 1;
  }
}
