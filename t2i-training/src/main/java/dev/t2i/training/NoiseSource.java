package dev.t2i.training;

import java.util.SplittableRandom;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Uniform noise in {@code [-1, 1)}, as the report uses, drawn from (seed, step, phase): a resumed
 * run draws exactly the noise it would have drawn, with no generator state to save.
 */
public final class NoiseSource {
  private final long seed;
  private final int dimension;

  public NoiseSource(long seed, int dimension) {
    this.seed = seed;
    this.dimension = dimension;
  }

  /** {@code [rows, dimension]} noise for {@code (step, phase)}. */
  public TFloat32 tensor(long step, int phase, int rows) {
    return TFloat32.tensorOf(Shape.of(rows, dimension), DataBuffers.of(values(step, phase, rows)));
  }

  /** The same noise as floats. */
  public float[] values(long step, int phase, int rows) {
    SplittableRandom r =
        new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (step * 0xBF58476D1CE4E5B9L + phase));
    float[] v = new float[rows * dimension];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return v;
  }
}
