package dev.t2i.datasets.pipeline;

import java.util.SplittableRandom;

/**
 * Which examples batch {@code b} holds, and the generators for its random choices: pure functions
 * of (seed, b). Each epoch is a fresh permutation of the examples; the last partial batch of an
 * epoch is dropped.
 */
final class BatchPlan {
  private final int examples;
  private final int batchSize;
  private final long seed;
  private long cachedEpoch = -1;
  private int[] cachedPermutation;

  BatchPlan(int examples, int batchSize, long seed) {
    if (examples < batchSize) {
      throw new IllegalArgumentException(
          "the split has "
              + examples
              + " examples, fewer than one batch of "
              + batchSize
              + "; lower training.batchSize");
    }
    this.examples = examples;
    this.batchSize = batchSize;
    this.seed = seed;
  }

  int batchesPerEpoch() {
    return examples / batchSize;
  }

  /** The example indexes of batch {@code b}. */
  int[] examplesOf(long b) {
    long epoch = b / batchesPerEpoch();
    int offset = (int) (b % batchesPerEpoch()) * batchSize;
    int[] perm = permutation(epoch);
    int[] out = new int[batchSize];
    System.arraycopy(perm, offset, out, 0, batchSize);
    return out;
  }

  /** The permutation of epoch {@code e}, position to example. */
  synchronized int[] permutation(long epoch) {
    if (epoch != cachedEpoch) {
      int[] p = new int[examples];
      for (int i = 0; i < examples; i++) {
        p[i] = i;
      }
      SplittableRandom r = new SplittableRandom(mix(seed, epoch, -1));
      for (int i = examples - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
      cachedPermutation = p;
      cachedEpoch = epoch;
    }
    return cachedPermutation;
  }

  /** The generator of slot {@code slot} of batch {@code b}. */
  SplittableRandom random(long b, int slot) {
    return new SplittableRandom(mix(seed, b, slot));
  }

  private static long mix(long seed, long a, long b) {
    long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
