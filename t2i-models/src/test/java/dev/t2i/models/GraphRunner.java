package dev.t2i.models;

import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Runs small graphs in tests: a graph, its ops, a session, and float fetches. */
public final class GraphRunner implements AutoCloseable {
  public final Graph graph = new Graph();
  public final Ops tf = Ops.create(graph);
  private Session session;

  public Placeholder<TFloat32> input(String name, long... shape) {
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
  }

  public Session session() {
    if (session == null) {
      session = new Session(graph);
      session.initialize();
    }
    return session;
  }

  /**
   * Fetches {@code x} as floats after feeding {@code feeds}; a placeholder's -1 dimension is the
   * batch.
   */
  public float[] run(Operand<TFloat32> x, Map<Placeholder<TFloat32>, float[]> feeds) {
    return fetch(
        x,
        feeds,
        res -> {
          TFloat32 out = (TFloat32) res.get(0);
          float[] v = new float[(int) out.size()];
          out.copyTo(DataBuffers.of(v, false, false));
          return v;
        });
  }

  public float[] run(Operand<TFloat32> x) {
    return run(x, Map.of());
  }

  /**
   * The largest absolute value of the gradient of {@code loss} for each of {@code variables}, in
   * order, after feeding {@code feeds}: 0 for a weight the loss reaches but does not move.
   */
  @SuppressWarnings("unchecked")
  public float[] largestGradients(
      Operand<TFloat32> loss,
      java.util.List<org.tensorflow.op.core.Variable<TFloat32>> variables,
      Map<Placeholder<TFloat32>, float[]> feeds) {
    var grads = tf.gradients(loss, variables);
    float[] largest = new float[variables.size()];
    for (int i = 0; i < largest.length; i++) {
      float max = 0;
      for (float v : run((Operand<TFloat32>) grads.dy().get(i), feeds)) {
        max = Math.max(max, Math.abs(v));
      }
      largest[i] = max;
    }
    return largest;
  }

  /** The shape of {@code x} after feeding {@code feeds}. */
  public long[] shape(Operand<TFloat32> x, Map<Placeholder<TFloat32>, float[]> feeds) {
    return fetch(x, feeds, res -> res.get(0).shape().asArray());
  }

  private <R> R fetch(
      Operand<TFloat32> x,
      Map<Placeholder<TFloat32>, float[]> feeds,
      java.util.function.Function<Result, R> read) {
    Session.Runner r = session().runner();
    java.util.List<TFloat32> tensors = new java.util.ArrayList<>();
    try {
      for (var e : feeds.entrySet()) {
        long[] dims = e.getKey().shape().asArray();
        long rest = 1;
        for (int i = 1; i < dims.length; i++) {
          rest *= dims[i];
        }
        dims[0] = e.getValue().length / rest;
        TFloat32 t = TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(e.getValue()));
        tensors.add(t);
        r.feed(e.getKey(), t);
      }
      try (Result res = r.fetch(x).run()) {
        return read.apply(res);
      }
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }

  /** Uniform values in [-1, 1) from a seeded generator. */
  /** An encoder that only states its shape: what a generator reads when it builds its graph. */
  public static dev.t2i.api.TextEncoder encoderOf(dev.t2i.api.TextShape shape) {
    return new dev.t2i.api.TextEncoder() {
      @Override
      public dev.t2i.api.TextShape shape() {
        return shape;
      }

      @Override
      public dev.t2i.api.EncodedText encode(String caption) {
        throw new UnsupportedOperationException("builds graphs only");
      }
    };
  }

  public static float[] uniform(int n, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return v;
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
