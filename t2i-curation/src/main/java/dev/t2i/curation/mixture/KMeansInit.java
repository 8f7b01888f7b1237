package dev.t2i.curation.mixture;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The starting partition of EM: k-means++ seeding on a seeded sample of rows, then Lloyd iterations
 * on every row until no row changes cluster. An emptied cluster restarts at the row farthest from
 * its centre.
 */
final class KMeansInit {
  private static final int SAMPLE = 20_000;
  private static final int MAX_LLOYD = 30;

  private KMeansInit() {}

  /** The cluster of every row. */
  static int[] partition(Rows rows, int k, long seed) {
    if (rows.n() < k) {
      throw new IllegalArgumentException("cannot make " + k + " clusters of " + rows.n() + " rows");
    }
    int d = rows.d();
    double[] x = rows.x();
    SplittableRandom r = new SplittableRandom(seed);
    int sampleSize = Math.min(SAMPLE, rows.n());
    int[] sample = sample(rows.n(), sampleSize, r);
    double[][] centres = new double[k][];
    centres[0] = row(x, sample[r.nextInt(sampleSize)], d);
    double[] nearest = new double[sampleSize];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < sampleSize; i++) {
        nearest[i] = Math.min(nearest[i], distance(x, sample[i] * d, centres[c - 1]));
        total += nearest[i];
      }
      double target = r.nextDouble() * total;
      int chosen = sampleSize - 1;
      for (int i = 0; i < sampleSize; i++) {
        target -= nearest[i];
        if (target <= 0) {
          chosen = i;
          break;
        }
      }
      centres[c] = row(x, sample[chosen] * d, d);
    }
    int[] label = new int[rows.n()];
    Arrays.fill(label, -1);
    for (int iteration = 0; iteration < MAX_LLOYD; iteration++) {
      double[][] frozen = centres;
      long changed =
          rows
              .map(
                  b -> {
                    long moved = 0;
                    for (int i = rows.start(b); i < rows.end(b); i++) {
                      int best = 0;
                      double bestDistance = Double.POSITIVE_INFINITY;
                      for (int c = 0; c < k; c++) {
                        double dist = distance(x, i * d, frozen[c]);
                        if (dist < bestDistance) {
                          bestDistance = dist;
                          best = c;
                        }
                      }
                      if (label[i] != best) {
                        label[i] = best;
                        moved++;
                      }
                    }
                    return moved;
                  })
              .stream()
              .mapToLong(Long::longValue)
              .sum();
      centres = means(x, label, k, d);
      if (changed == 0) {
        break;
      }
    }
    return label;
  }

  private static double[][] means(double[] x, int[] label, int k, int d) {
    double[][] mean = new double[k][d];
    int[] count = new int[k];
    for (int i = 0; i < label.length; i++) {
      count[label[i]]++;
      double[] s = mean[label[i]];
      for (int j = 0; j < d; j++) {
        s[j] += x[i * d + j];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d && count[c] > 0; j++) {
        mean[c][j] /= count[c];
      }
    }
    for (int c = 0; c < k; c++) {
      if (count[c] == 0) {
        // Restart an empty cluster at the row farthest from the centre of its cluster.
        int far = 0;
        double farthest = -1;
        for (int i = 0; i < label.length; i++) {
          double dist = distance(x, i * d, mean[label[i]]);
          if (dist > farthest) {
            farthest = dist;
            far = i;
          }
        }
        mean[c] = row(x, far * d, d);
        count[c] = 1;
      }
    }
    return mean;
  }

  private static int[] sample(int n, int m, SplittableRandom r) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = 0; i < m; i++) {
      int j = i + r.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return Arrays.copyOf(all, m);
  }

  private static double[] row(double[] x, int offset, int d) {
    return Arrays.copyOfRange(x, offset, offset + d);
  }

  private static double distance(double[] x, int offset, double[] centre) {
    double s = 0;
    for (int j = 0; j < centre.length; j++) {
      double diff = x[offset + j] - centre[j];
      s += diff * diff;
    }
    return s;
  }
}
