package dev.t2i.bench;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * The FP32 matrix-multiply rate TensorFlow reaches here: {@code N × N} times {@code N × N}, the
 * median of several runs. Usage: {@code MatmulPeak N RUNS}. Prints {@code matmul_gflops = RATE}.
 */
public final class MatmulPeak {
  private MatmulPeak() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int runs = Integer.parseInt(args[1]);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> a =
          tf.variable(
              tf.random.randomUniform(
                  tf.constant(new long[] {n, n}), TFloat32.class, RandomUniform.seed(1L)));
      Operand<TFloat32> b =
          tf.variable(
              tf.random.randomUniform(
                  tf.constant(new long[] {n, n}), TFloat32.class, RandomUniform.seed(2L)));
      // Reduce to a scalar so that fetching the result costs nothing.
      Operand<TFloat32> c = tf.reduceSum(tf.linalg.matMul(a, b), tf.constant(new int[] {0, 1}));
      try (Session s = new Session(g)) {
        s.initialize();
        s.runner().fetch(c).run().close();
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
          long t0 = System.nanoTime();
          s.runner().fetch(c).run().close();
          t[i] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf("matmul_gflops = %.1f%n", 2.0 * n * n * n / Stats.median(t) / 1e9);
      }
    }
  }
}
