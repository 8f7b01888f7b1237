package dev.t2i.encoders.word2vec;

import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The inner loops of word2vec. {@link #best()} returns SIMD kernels written with the JDK's Vector
 * API when the JVM runs with {@code --add-modules jdk.incubator.vector} (the {@code t2i} launcher
 * does), and plain loops otherwise.
 */
abstract class Kernels {
  private static final Kernels BEST = choose();

  /** The fastest kernels this JVM can run. */
  static Kernels best() {
    return BEST;
  }

  private static Kernels choose() {
    Optional<Module> vector = ModuleLayer.boot().findModule("jdk.incubator.vector");
    if (vector.isPresent() && !Boolean.getBoolean("t2i.scalarKernels")) {
      try {
        return (Kernels)
            Class.forName("dev.t2i.encoders.word2vec.VectorKernels")
                .getDeclaredConstructor()
                .newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        LoggerFactory.getLogger(Kernels.class)
            .warn("Vector API kernels unavailable ({}); using scalar loops", e.toString());
      }
    }
    LoggerFactory.getLogger(Kernels.class)
        .info(
            "word2vec runs on scalar loops; start the JVM with --add-modules jdk.incubator.vector for SIMD kernels (about 2x faster)");
    return new ScalarKernels();
  }

  /** A name for logs: {@code vector-512} or {@code scalar}. */
  abstract String name();

  /** {@code x[xOff..] · y[yOff..]} over {@code n} elements. */
  abstract float dot(float[] x, int xOff, float[] y, int yOff, int n);

  /** {@code y[yOff..] += a × x[xOff..]} over {@code n} elements. */
  abstract void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n);

  /**
   * The two updates of one negative-sampling target in one pass over its row: {@code e += g·w} and
   * {@code w += g·h}, reading each element of {@code w} once.
   */
  abstract void update(float g, float[] h, int hOff, float[] w, int wOff, float[] e, int n);

  /** {@code x[0..n) *= a}. */
  final void scale(float a, float[] x, int n) {
    for (int i = 0; i < n; i++) {
      x[i] *= a;
    }
  }
}
