package dev.t2i.curation.pca;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.linalg.Qr;
import org.tensorflow.types.TFloat32;

/** The three matrix products of a streamed PCA, on TensorFlow's CPU kernels. */
final class PcaGraph implements AutoCloseable {
  private final int d;
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TFloat32> mean;
  private final Placeholder<TFloat32> square;
  private final Placeholder<TFloat32> basis;
  private final Operand<TFloat32> gram;
  private final Operand<TFloat32> orthonormal;
  private final Operand<TFloat32> rayleigh;
  private final Operand<TFloat32> projection;

  PcaGraph(int d) {
    this.d = d;
    Ops tf = Ops.create(graph);
    x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, d)));
    mean = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(d)));
    square = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(d, d)));
    basis = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(d, -1)));
    Operand<TFloat32> centred = tf.math.sub(x, mean);
    // Σ (x - μ)ᵀ(x - μ) over the chunk.
    gram = tf.linalg.matMul(centred, centred, MatMul.transposeA(true));
    // One step of subspace iteration: Q' = orth(C Q), and the Rayleigh quotient Q'ᵀ C Q'.
    Operand<TFloat32> product = tf.linalg.matMul(square, basis);
    orthonormal = tf.linalg.qr(product, Qr.fullMatrices(false)).q();
    rayleigh =
        tf.linalg.matMul(
            orthonormal, tf.linalg.matMul(square, orthonormal), MatMul.transposeA(true));
    projection = tf.linalg.matMul(centred, basis);
    session = new Session(graph);
  }

  /** {@code Σ (x - μ)ᵀ(x - μ)} of {@code rows} rows, row-major {@code d × d}. */
  float[] gram(float[] values, int rows, float[] mu) {
    try (TFloat32 xt =
            TFloat32.tensorOf(
                Shape.of(rows, d), DataBuffers.of(values, true, false).narrow((long) rows * d));
        TFloat32 mt = TFloat32.tensorOf(Shape.of(d), DataBuffers.of(mu, true, false));
        Result r = session.runner().feed(x, xt).feed(mean, mt).fetch(gram).run()) {
      return values((TFloat32) r.get(0));
    }
  }

  /** {@code orth(C Q)} ({@code d × m}) and its Rayleigh quotient ({@code m × m}). */
  List<float[]> iterate(float[] c, float[] q, int m) {
    try (TFloat32 ct = TFloat32.tensorOf(Shape.of(d, d), DataBuffers.of(c, true, false));
        TFloat32 qt = TFloat32.tensorOf(Shape.of(d, m), DataBuffers.of(q, true, false));
        Result r =
            session
                .runner()
                .feed(square, ct)
                .feed(basis, qt)
                .fetch(orthonormal)
                .fetch(rayleigh)
                .run()) {
      return List.of(values((TFloat32) r.get(0)), values((TFloat32) r.get(1)));
    }
  }

  /** {@code (x - μ) W} of {@code rows} rows, row-major {@code rows × k}. */
  float[] project(float[] values, int rows, float[] mu, float[] w, int k) {
    try (TFloat32 xt =
            TFloat32.tensorOf(
                Shape.of(rows, d), DataBuffers.of(values, true, false).narrow((long) rows * d));
        TFloat32 mt = TFloat32.tensorOf(Shape.of(d), DataBuffers.of(mu, true, false));
        TFloat32 wt = TFloat32.tensorOf(Shape.of(d, k), DataBuffers.of(w, true, false));
        Result r =
            session.runner().feed(x, xt).feed(mean, mt).feed(basis, wt).fetch(projection).run()) {
      return values((TFloat32) r.get(0));
    }
  }

  private static float[] values(TFloat32 t) {
    float[] v = new float[(int) t.size()];
    t.copyTo(DataBuffers.of(v, false, false));
    return v;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
