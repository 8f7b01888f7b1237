package dev.t2i.bench;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;

/**
 * Whether bfloat16 pays on this CPU: a 3 × 3 convolution (batch 64, 128 → 128 channels, 32 × 32),
 * forward and both backward passes, and an {@code N × N} matmul, each in float32 and with inputs
 * and weights cast to bfloat16 (float32 variables, as mixed precision keeps them), in alternating
 * rounds. Usage: {@code Bfloat16Peak ROUNDS}. Prints a line per op and precision and the ratios.
 */
public final class Bfloat16Peak {
  private Bfloat16Peak() {}

  public static void main(String[] args) {
    int rounds = Integer.parseInt(args.length > 0 ? args[0] : "5");
    double[][] conv = new double[2][rounds];
    double[][] matmul = new double[2][rounds];
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x =
          tf.variable(
              tf.random.randomUniform(
                  tf.constant(new long[] {64, 32, 32, 128}),
                  TFloat32.class,
                  RandomUniform.seed(1L)));
      Operand<TFloat32> w =
          tf.variable(
              tf.random.randomUniform(
                  tf.constant(new long[] {3, 3, 128, 128}),
                  TFloat32.class,
                  RandomUniform.seed(2L)));
      Operand<TFloat32> a =
          tf.variable(
              tf.random.randomUniform(
                  tf.constant(new long[] {2048, 2048}), TFloat32.class, RandomUniform.seed(3L)));
      Operand<TFloat32>[] convLoss = new Operand[2];
      Operand<TFloat32>[] mmLoss = new Operand[2];
      convLoss[0] =
          tf.reduceSum(
              tf.nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "SAME"),
              tf.constant(new int[] {0, 1, 2, 3}));
      Operand<TBfloat16> y16 =
          tf.nn.conv2d(
              tf.dtypes.cast(x, TBfloat16.class),
              tf.dtypes.cast(w, TBfloat16.class),
              List.of(1L, 1L, 1L, 1L),
              "SAME");
      convLoss[1] =
          tf.reduceSum(tf.dtypes.cast(y16, TFloat32.class), tf.constant(new int[] {0, 1, 2, 3}));
      mmLoss[0] = tf.reduceSum(tf.linalg.matMul(a, a), tf.constant(new int[] {0, 1}));
      Operand<TBfloat16> a16 = tf.dtypes.cast(a, TBfloat16.class);
      mmLoss[1] =
          tf.reduceSum(
              tf.dtypes.cast(tf.linalg.matMul(a16, a16), TFloat32.class),
              tf.constant(new int[] {0, 1}));
      Output<?>[][] grads = new Output<?>[2][];
      for (int p = 0; p < 2; p++) {
        grads[p] =
            g.addGradients(
                "g" + p,
                new Output<?>[] {convLoss[p].asOutput()},
                new Output<?>[] {x.asOutput(), w.asOutput()},
                null);
      }
      try (Session s = new Session(g)) {
        s.initialize();
        for (int r = -1; r < rounds; r++) {
          for (int p = 0; p < 2; p++) {
            long t0 = System.nanoTime();
            s.runner().fetch(convLoss[p]).fetch(grads[p][0]).fetch(grads[p][1]).run().close();
            double ct = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            s.runner().fetch(mmLoss[p]).run().close();
            double mt = (System.nanoTime() - t0) / 1e9;
            if (r >= 0) {
              conv[p][r] = ct;
              matmul[p][r] = mt;
            }
          }
        }
      }
    }
    double convFlops = 3 * 2.0 * 64 * 32 * 32 * 128 * 128 * 9;
    double mmFlops = 2.0 * 2048 * 2048 * 2048;
    String[] names = {"float32", "bfloat16"};
    for (int p = 0; p < 2; p++) {
      System.out.printf(
          "conv3x3 fwd+bwd %-8s %.1f ms (%.0f GFLOP/s), matmul 2048 %-8s %.1f ms (%.0f GFLOP/s)%n",
          names[p],
          Stats.median(conv[p]) * 1e3,
          convFlops / Stats.median(conv[p]) / 1e9,
          names[p],
          Stats.median(matmul[p]) * 1e3,
          mmFlops / Stats.median(matmul[p]) / 1e9);
    }
    System.out.printf(
        "bfloat16/float32 speed-up: conv %.2f, matmul %.2f%n",
        Stats.median(conv[0]) / Stats.median(conv[1]),
        Stats.median(matmul[0]) / Stats.median(matmul[1]));
  }
}
