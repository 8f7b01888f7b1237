package dev.t2i.curation.matrix;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Seeded rows drawn from a mixture of Gaussian clusters that live in a low-dimensional subspace of
 * a high-dimensional space, plus isotropic noise: the shape of CNN features, for benchmarks and
 * tests. Rows are generated on the fly, chunk by chunk, and are the same on every pass.
 */
public final class SyntheticMixtureRows implements FeatureRows {
  private final long rows;
  private final int dimension;
  private final int clusters;
  private final int latent;
  private final double noise;
  private final long seed;
  private final float[][] centres;
  private final float[][] basis;

  /**
   * @param rows number of rows
   * @param dimension length of a row, such as 4,096
   * @param clusters number of clusters
   * @param latent dimension of the subspace the clusters live in
   * @param noise standard deviation of the noise in every dimension
   */
  public SyntheticMixtureRows(
      long rows, int dimension, int clusters, int latent, double noise, long seed) {
    this.rows = rows;
    this.dimension = dimension;
    this.clusters = clusters;
    this.latent = latent;
    this.noise = noise;
    this.seed = seed;
    SplittableRandom r = new SplittableRandom(seed);
    centres = new float[clusters][latent];
    for (float[] c : centres) {
      for (int j = 0; j < latent; j++) {
        c[j] = (float) (4 * r.nextGaussian());
      }
    }
    basis = new float[latent][dimension];
    for (float[] b : basis) {
      for (int j = 0; j < dimension; j++) {
        b[j] = (float) (r.nextGaussian() / Math.sqrt(latent));
      }
    }
  }

  /** The cluster that row {@code i} was drawn from. */
  public int clusterOf(long i) {
    return (int)
        Math.floorMod(new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L)).nextLong(), clusters);
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public void forEachChunk(int maxRows, Chunk consumer) throws IOException {
    int chunk = (int) Math.max(1, Math.min(maxRows, rows));
    float[] values = new float[chunk * dimension];
    float[] z = new float[latent];
    for (long first = 0; first < rows; first += chunk) {
      int m = (int) Math.min(chunk, rows - first);
      for (int i = 0; i < m; i++) {
        long row = first + i;
        SplittableRandom r = new SplittableRandom(seed * 31 + row);
        float[] c = centres[clusterOf(row)];
        for (int j = 0; j < latent; j++) {
          z[j] = c[j] + (float) r.nextGaussian();
        }
        int o = i * dimension;
        for (int j = 0; j < dimension; j++) {
          values[o + j] = (float) (noise * r.nextGaussian());
        }
        for (int l = 0; l < latent; l++) {
          float zl = z[l];
          float[] b = basis[l];
          for (int j = 0; j < dimension; j++) {
            values[o + j] += zl * b[j];
          }
        }
      }
      consumer.accept(first, values, m);
    }
  }
}
