package dev.t2i.curation.mixture;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Row-major data ({@code n × d} doubles) split into fixed blocks that are processed in parallel and
 * combined in block order, so results do not depend on the number of threads.
 */
record Rows(double[] x, int n, int d) {
  static final int BLOCK = 2048;

  Rows {
    if (x.length != (long) n * d) {
      throw new IllegalArgumentException(
          "data has " + x.length + " values; expected " + n + " rows of " + d);
    }
  }

  int blocks() {
    return (n + BLOCK - 1) / BLOCK;
  }

  int start(int block) {
    return block * BLOCK;
  }

  int end(int block) {
    return Math.min(n, (block + 1) * BLOCK);
  }

  /** {@code work} applied to every block, in parallel; results in block order. */
  <T> List<T> map(IntFunction<T> work) {
    return IntStream.range(0, blocks()).parallel().mapToObj(work).toList();
  }
}
