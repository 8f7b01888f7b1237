package dev.t2i.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Distances between two sets of feature vectors (rows): Fréchet distance, KID, precision and recall
 * (Kynkäänniemi et al. 2019), density and coverage (Naeem et al. 2020), and the nearest-neighbour
 * and pairwise distances behind the memorisation and diversity figures.
 */
public final class FeatureMetrics {
  private FeatureMetrics() {}

  /**
   * The Fréchet distance between Gaussians fitted to {@code a} and {@code b}: {@code |μa - μb|² +
   * Tr(Σa + Σb - 2 (Σa Σb)^½)}, with the trace of the square root taken as the sum of the square
   * roots of the eigenvalues of {@code Σa^½ Σb Σa^½}.
   */
  public static double frechet(float[][] a, float[][] b) {
    int d = a[0].length;
    double[] ma = mean(a);
    double[] mb = mean(b);
    double[][] ca = covariance(a, ma);
    double[][] cb = covariance(b, mb);
    double diff = 0;
    for (int i = 0; i < d; i++) {
      diff += (ma[i] - mb[i]) * (ma[i] - mb[i]);
    }
    RealMatrix sqrtA = psdSqrt(new Array2DRowRealMatrix(ca, false));
    RealMatrix m = sqrtA.multiply(new Array2DRowRealMatrix(cb, false)).multiply(sqrtA);
    m = m.add(m.transpose()).scalarMultiply(0.5);
    double traceSqrt = 0;
    for (double s : new SingularValueDecomposition(m).getSingularValues()) {
      traceSqrt += Math.sqrt(Math.max(s, 0));
    }
    double trace = 0;
    for (int i = 0; i < d; i++) {
      trace += ca[i][i] + cb[i][i];
    }
    return diff + trace - 2 * traceSqrt;
  }

  private static RealMatrix psdSqrt(RealMatrix m) {
    SingularValueDecomposition svd = new SingularValueDecomposition(m);
    double[] s = svd.getSingularValues();
    RealMatrix u = svd.getU();
    int d = s.length;
    double[][] out = new double[d][d];
    for (int k = 0; k < d; k++) {
      double r = Math.sqrt(Math.max(s[k], 0));
      for (int i = 0; i < d; i++) {
        double ui = u.getEntry(i, k) * r;
        for (int j = 0; j < d; j++) {
          out[i][j] += ui * u.getEntry(j, k);
        }
      }
    }
    return new Array2DRowRealMatrix(out, false);
  }

  static double[] mean(float[][] x) {
    double[] m = new double[x[0].length];
    for (float[] row : x) {
      for (int i = 0; i < m.length; i++) {
        m[i] += row[i];
      }
    }
    for (int i = 0; i < m.length; i++) {
      m[i] /= x.length;
    }
    return m;
  }

  static double[][] covariance(float[][] x, double[] m) {
    int d = m.length;
    double[][] c = new double[d][d];
    double[] v = new double[d];
    for (float[] row : x) {
      for (int i = 0; i < d; i++) {
        v[i] = row[i] - m[i];
      }
      for (int i = 0; i < d; i++) {
        double vi = v[i];
        double[] ci = c[i];
        for (int j = i; j < d; j++) {
          ci[j] += vi * v[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        c[i][j] /= x.length - 1;
        c[j][i] = c[i][j];
      }
    }
    return c;
  }

  /**
   * KID: the unbiased squared MMD with the kernel {@code (x·y / d + 1)³}, averaged over {@code
   * subsets} random subsets of {@code subsetSize} rows of each set.
   */
  public static double kid(float[][] a, float[][] b, int subsets, int subsetSize, long seed) {
    int m = Math.min(subsetSize, Math.min(a.length, b.length));
    int d = a[0].length;
    SplittableRandom r = new SplittableRandom(seed);
    double total = 0;
    for (int s = 0; s < subsets; s++) {
      float[][] x = sample(a, m, r);
      float[][] y = sample(b, m, r);
      double kxx = 0;
      double kyy = 0;
      double kxy = 0;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          if (i != j) {
            kxx += poly(x[i], x[j], d);
            kyy += poly(y[i], y[j], d);
          }
          kxy += poly(x[i], y[j], d);
        }
      }
      total += kxx / (m * (m - 1.0)) + kyy / (m * (m - 1.0)) - 2 * kxy / ((double) m * m);
    }
    return total / subsets;
  }

  private static double poly(float[] x, float[] y, int d) {
    double v = dot(x, y) / d + 1;
    return v * v * v;
  }

  private static float[][] sample(float[][] x, int m, SplittableRandom r) {
    int[] idx = new int[x.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    for (int i = 0; i < m; i++) {
      int j = i + r.nextInt(idx.length - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    float[][] out = new float[m][];
    for (int i = 0; i < m; i++) {
      out[i] = x[idx[i]];
    }
    return out;
  }

  /**
   * Precision, recall, density and coverage with k-nearest-neighbour balls.
   *
   * @param real real features
   * @param fake generated features
   */
  public static Manifold manifold(float[][] real, float[][] fake, int k) {
    double[] realRadius = kthNeighbour(real, k);
    double[] fakeRadius = kthNeighbour(fake, k);
    int precise = 0;
    double density = 0;
    for (float[] f : fake) {
      boolean inside = false;
      int balls = 0;
      for (int j = 0; j < real.length; j++) {
        if (distance(f, real[j]) <= realRadius[j]) {
          inside = true;
          balls++;
        }
      }
      if (inside) {
        precise++;
      }
      density += balls;
    }
    int recalled = 0;
    for (float[] r : real) {
      for (int j = 0; j < fake.length; j++) {
        if (distance(r, fake[j]) <= fakeRadius[j]) {
          recalled++;
          break;
        }
      }
    }
    int covered = 0;
    for (int i = 0; i < real.length; i++) {
      double nearest = Double.MAX_VALUE;
      for (float[] f : fake) {
        nearest = Math.min(nearest, distance(real[i], f));
      }
      if (nearest <= realRadius[i]) {
        covered++;
      }
    }
    return new Manifold(
        precise / (double) fake.length,
        recalled / (double) real.length,
        density / ((double) k * fake.length),
        covered / (double) real.length,
        k);
  }

  /** Precision, recall, density and coverage. */
  public record Manifold(double precision, double recall, double density, double coverage, int k) {}

  /** For each row, the distance to its k-th nearest other row. */
  static double[] kthNeighbour(float[][] x, int k) {
    double[] out = new double[x.length];
    double[] d = new double[x.length - 1];
    for (int i = 0; i < x.length; i++) {
      int n = 0;
      for (int j = 0; j < x.length; j++) {
        if (j != i) {
          d[n++] = distance(x[i], x[j]);
        }
      }
      Arrays.sort(d);
      out[i] = d[Math.min(k - 1, d.length - 1)];
    }
    return out;
  }

  /** The mean distance from each row of {@code queries} to its nearest row of {@code reference}. */
  public static double meanNearestDistance(float[][] queries, float[][] reference) {
    double total = 0;
    for (float[] q : queries) {
      double best = Double.MAX_VALUE;
      for (float[] r : reference) {
        best = Math.min(best, distance(q, r));
      }
      total += best;
    }
    return total / queries.length;
  }

  /** The mean distance between all pairs of rows. */
  public static double meanPairwiseDistance(float[][] x) {
    double total = 0;
    int pairs = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        total += distance(x[i], x[j]);
        pairs++;
      }
    }
    return pairs == 0 ? 0 : total / pairs;
  }

  static double distance(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
