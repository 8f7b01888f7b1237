package dev.t2i.encoders.word2vec;

/**
 * Plain loops. C2 turns {@link #axpy} and {@link #update} into SIMD code; {@link #dot} keeps eight
 * independent sums so that its additions overlap.
 */
final class ScalarKernels extends Kernels {

  @Override
  String name() {
    return "scalar";
  }

  @Override
  float dot(float[] x, int xOff, float[] y, int yOff, int n) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int i = 0;
    for (; i + 7 < n; i += 8) {
      s0 += x[xOff + i] * y[yOff + i];
      s1 += x[xOff + i + 1] * y[yOff + i + 1];
      s2 += x[xOff + i + 2] * y[yOff + i + 2];
      s3 += x[xOff + i + 3] * y[yOff + i + 3];
      s4 += x[xOff + i + 4] * y[yOff + i + 4];
      s5 += x[xOff + i + 5] * y[yOff + i + 5];
      s6 += x[xOff + i + 6] * y[yOff + i + 6];
      s7 += x[xOff + i + 7] * y[yOff + i + 7];
    }
    for (; i < n; i++) {
      s0 += x[xOff + i] * y[yOff + i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  @Override
  void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  @Override
  void update(float g, float[] h, int hOff, float[] w, int wOff, float[] e, int n) {
    for (int i = 0; i < n; i++) {
      float wi = w[wOff + i];
      e[i] += g * wi;
      w[wOff + i] = wi + g * h[hOff + i];
    }
  }
}
