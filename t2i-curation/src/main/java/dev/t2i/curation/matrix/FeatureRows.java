package dev.t2i.curation.matrix;

import java.io.IOException;

/** A matrix of float rows read in chunks, so that it never has to fit in memory. */
public interface FeatureRows {

  /** Number of rows. */
  long rows();

  /** Length of every row. */
  int dimension();

  /**
   * Calls {@code consumer} with consecutive chunks of at most {@code maxRows} rows, in order. The
   * array may be reused between calls.
   */
  void forEachChunk(int maxRows, Chunk consumer) throws IOException;

  /** Receives one chunk: rows {@code [first, first + count)}, row-major in {@code values}. */
  @FunctionalInterface
  interface Chunk {
    void accept(long first, float[] values, int count) throws IOException;
  }

  /** Rows that fit in memory, as a {@code FeatureRows}. */
  static FeatureRows of(float[][] rows) {
    int d = rows.length == 0 ? 0 : rows[0].length;
    return new FeatureRows() {
      @Override
      public long rows() {
        return rows.length;
      }

      @Override
      public int dimension() {
        return d;
      }

      @Override
      public void forEachChunk(int maxRows, Chunk consumer) throws IOException {
        float[] buf = new float[Math.min(maxRows, Math.max(1, rows.length)) * d];
        for (int start = 0; start < rows.length; start += maxRows) {
          int m = Math.min(maxRows, rows.length - start);
          for (int i = 0; i < m; i++) {
            System.arraycopy(rows[start + i], 0, buf, i * d, d);
          }
          consumer.accept(start, buf, m);
        }
      }
    };
  }
}
