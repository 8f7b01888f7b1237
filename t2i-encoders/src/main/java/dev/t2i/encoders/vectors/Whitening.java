package dev.t2i.encoders.vectors;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * PCA whitening of a word-vector table with the statistics of a corpus's tokens: each vector
 * becomes {@code Λ^(-1/2) Uᵀ (v - μ)}, where μ and {@code U Λ Uᵀ} are the mean and covariance of
 * the token vectors, and {@code Λ} is regularised by {@code ε · λ_max}.
 *
 * <p>Why: word2vec trained on captions gives words with the same contexts nearly the same vector
 * (colour words reach cosine 0.98 on synthetic captions), so a caption's mean vector carries which
 * colour it names only along low-variance directions. A linear probe still reads it perfectly, but
 * a network trained with Adam learns it slowly (25% petal-colour accuracy after 1,000 steps,
 * against 98% after whitening). Whitening is a linear change of coordinates: it keeps the
 * information and fixes the conditioning. The mean of whitened word vectors is the whitened mean
 * vector.
 */
public final class Whitening {
  private Whitening() {}

  /**
   * The whitened table.
   *
   * @param tokens the corpus, as rows of {@code vectors} (one per token occurrence)
   * @param epsilon regulariser, relative to the largest eigenvalue
   */
  public static WordVectors apply(WordVectors vectors, int[] tokens, double epsilon) {
    int d = vectors.dimension();
    if (tokens.length < 2) {
      throw new IllegalArgumentException(
          "whitening needs a corpus of at least 2 known tokens, got " + tokens.length);
    }
    float[] table = vectors.rawVectors();
    double[] mean = new double[d];
    for (int t : tokens) {
      for (int i = 0; i < d; i++) {
        mean[i] += table[t * d + i];
      }
    }
    for (int i = 0; i < d; i++) {
      mean[i] /= tokens.length;
    }
    // Covariance as a frequency-weighted sum over distinct words: O(V·d²), not O(tokens·d²).
    int[] counts = new int[vectors.size()];
    for (int t : tokens) {
      counts[t]++;
    }
    double[][] cov = new double[d][d];
    double[] x = new double[d];
    for (int w = 0; w < counts.length; w++) {
      if (counts[w] == 0) {
        continue;
      }
      for (int i = 0; i < d; i++) {
        x[i] = table[w * d + i] - mean[i];
      }
      for (int i = 0; i < d; i++) {
        double xi = counts[w] * x[i];
        double[] row = cov[i];
        for (int j = i; j < d; j++) {
          row[j] += xi * x[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        cov[i][j] /= tokens.length - 1;
        cov[j][i] = cov[i][j];
      }
    }
    // The covariance is symmetric positive semi-definite, so its SVD is its eigendecomposition.
    // The SVD converges on the many zero eigenvalues of a small vocabulary in a large dimension,
    // where Commons Math's EigenDecomposition does not.
    SingularValueDecomposition svd =
        new SingularValueDecomposition(new Array2DRowRealMatrix(cov, false));
    double[] values = svd.getSingularValues();
    double max = values.length > 0 ? values[0] : 0;
    RealMatrix basis = svd.getU();
    double[][] w = new double[d][d];
    for (int k = 0; k < d; k++) {
      double scale = 1.0 / Math.sqrt(Math.max(values[k], 0) + epsilon * max);
      RealVector u = basis.getColumnVector(k);
      for (int i = 0; i < d; i++) {
        w[k][i] = u.getEntry(i) * scale;
      }
    }
    float[] out = new float[table.length];
    double[] centred = new double[d];
    for (int r = 0; r < vectors.size(); r++) {
      for (int i = 0; i < d; i++) {
        centred[i] = table[r * d + i] - mean[i];
      }
      for (int k = 0; k < d; k++) {
        double s = 0;
        double[] wk = w[k];
        for (int i = 0; i < d; i++) {
          s += wk[i] * centred[i];
        }
        out[r * d + k] = (float) s;
      }
    }
    return new WordVectors(vectors.words(), out, d);
  }
}
