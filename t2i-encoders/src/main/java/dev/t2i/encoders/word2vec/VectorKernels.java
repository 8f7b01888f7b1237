package dev.t2i.encoders.word2vec;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels on the JDK's Vector API, at the widest width the processor has (512 bits with
 * AVX-512). Loaded only when the JVM runs with {@code --add-modules jdk.incubator.vector}.
 */
final class VectorKernels extends Kernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  @Override
  String name() {
    return "vector-" + S.vectorBitSize();
  }

  @Override
  float dot(float[] x, int xOff, float[] y, int yOff, int n) {
    int l = S.length();
    // Four accumulators: one fused multiply-add chain would wait on its own latency.
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S);
    FloatVector a3 = FloatVector.zero(S);
    int i = 0;
    for (; i + 4 * l <= n; i += 4 * l) {
      a0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), a0);
      a1 =
          FloatVector.fromArray(S, x, xOff + i + l)
              .fma(FloatVector.fromArray(S, y, yOff + i + l), a1);
      a2 =
          FloatVector.fromArray(S, x, xOff + i + 2 * l)
              .fma(FloatVector.fromArray(S, y, yOff + i + 2 * l), a2);
      a3 =
          FloatVector.fromArray(S, x, xOff + i + 3 * l)
              .fma(FloatVector.fromArray(S, y, yOff + i + 3 * l), a3);
    }
    for (; i + l <= n; i += l) {
      a0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), a0);
    }
    float s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += x[xOff + i] * y[yOff + i];
    }
    return s;
  }

  @Override
  void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
    int i = 0;
    int bound = S.loopBound(n);
    FloatVector va = FloatVector.broadcast(S, a);
    for (; i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, xOff + i)
          .fma(va, FloatVector.fromArray(S, y, yOff + i))
          .intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  @Override
  void update(float g, float[] h, int hOff, float[] w, int wOff, float[] e, int n) {
    int i = 0;
    int bound = S.loopBound(n);
    FloatVector vg = FloatVector.broadcast(S, g);
    for (; i < bound; i += S.length()) {
      FloatVector wv = FloatVector.fromArray(S, w, wOff + i);
      wv.fma(vg, FloatVector.fromArray(S, e, i)).intoArray(e, i);
      FloatVector.fromArray(S, h, hOff + i).fma(vg, wv).intoArray(w, wOff + i);
    }
    for (; i < n; i++) {
      float wi = w[wOff + i];
      e[i] += g * wi;
      w[wOff + i] = wi + g * h[hOff + i];
    }
  }
}
