package dev.t2i.models.convlstm;

import dev.t2i.api.Parameters;
import dev.t2i.models.layers.Products;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.RandomNormal;
import org.tensorflow.framework.initializers.Zeros;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A convolutional LSTM with peepholes (Shi et al. 2015, the report's section 5(6)), unrolled over
 * the steps of a sequence of feature maps:
 *
 * <pre>
 * i_t = σ(W_xi * X_t + W_hi * H_{t-1} + W_ci ∘ C_{t-1} + b_i)
 * f_t = σ(W_xf * X_t + W_hf * H_{t-1} + W_cf ∘ C_{t-1} + b_f)
 * C_t = f_t ∘ C_{t-1} + i_t ∘ tanh(W_xc * X_t + W_hc * H_{t-1} + b_c)
 * o_t = σ(W_xo * X_t + W_ho * H_{t-1} + W_co ∘ C_t + b_o)
 * H_t = o_t ∘ tanh(C_t)
 * </pre>
 *
 * where {@code *} is a {@code k × k} convolution and {@code ∘} the element-wise product; the
 * peephole weights {@code W_c·} have one value per position and channel. The input convolutions of
 * all steps run as one. Where the mask is 0 (padding), a step keeps the previous state.
 */
public final class ConvLstm {
  private ConvLstm() {}

  /**
   * Runs the cell.
   *
   * @param inputs {@code [B, T, H, W, C]}
   * @param mask {@code [B, T]}, 1 for real steps, or null
   * @param steps T, known when the graph is built
   * @return the hidden states {@code [B, T, H, W, filters]}
   */
  public static Operand<TFloat32> apply(
      Ops tf,
      Parameters p,
      Operand<TFloat32> inputs,
      Operand<TFloat32> mask,
      int steps,
      int height,
      int width,
      int channels,
      int filters,
      int kernel) {
    long k = kernel;
    Variable<TFloat32> wx =
        p.trainable(
            tf,
            "wx",
            Shape.of(k, k, channels, 4L * filters),
            new RandomNormal<>(0, 0.02, p.seedFor("wx")));
    Variable<TFloat32> wh =
        p.trainable(
            tf,
            "wh",
            Shape.of(k, k, filters, 4L * filters),
            new RandomNormal<>(0, 0.02, p.seedFor("wh")));
    Shape peep = Shape.of(height, width, filters);
    Variable<TFloat32> wci = p.trainable(tf, "wci", peep, new Zeros<>());
    Variable<TFloat32> wcf = p.trainable(tf, "wcf", peep, new Zeros<>());
    Variable<TFloat32> wco = p.trainable(tf, "wco", peep, new Zeros<>());
    // Forget gate biased to 1, so that early in training the cell remembers.
    float[] bias = new float[4 * filters];
    java.util.Arrays.fill(bias, filters, 2 * filters, 1f);
    Variable<TFloat32> b =
        p.trainable(tf, "b", Shape.of(4L * filters), (ops, dims, type) -> ops.constant(bias));

    List<Long> strides = List.of(1L, 1L, 1L, 1L);
    Operand<TFloat32> flat =
        tf.reshape(inputs, tf.constant(new long[] {-1, height, width, channels}));
    Operand<TFloat32> xAll = tf.nn.biasAdd(Products.conv2d(tf, p, flat, wx, strides, "SAME"), b);
    xAll = tf.reshape(xAll, tf.constant(new long[] {-1, steps, height, width, 4L * filters}));
    List<Operand<TFloat32>> xs = new ArrayList<>();
    tf.unstack(xAll, (long) steps, org.tensorflow.op.core.Unstack.axis(1L))
        .output()
        .forEach(xs::add);
    List<Operand<TFloat32>> ms = new ArrayList<>();
    if (mask != null) {
      tf.unstack(mask, (long) steps, org.tensorflow.op.core.Unstack.axis(1L))
          .output()
          .forEach(ms::add);
    }

    Operand<TFloat32> zeros =
        tf.zerosLike(
            tf.reshape(
                tf.slice(
                    xs.get(0),
                    tf.constant(new int[] {0, 0, 0, 0}),
                    tf.constant(new int[] {-1, -1, -1, filters})),
                tf.constant(new long[] {-1, height, width, filters})));
    Operand<TFloat32> h = zeros;
    Operand<TFloat32> c = zeros;
    List<Operand<TFloat32>> outputs = new ArrayList<>(steps);
    for (int t = 0; t < steps; t++) {
      Operand<TFloat32> z = tf.math.add(xs.get(t), Products.conv2d(tf, p, h, wh, strides, "SAME"));
      List<Operand<TFloat32>> gates = new ArrayList<>();
      tf.split(tf.constant(3), z, 4L).output().forEach(gates::add);
      Operand<TFloat32> i = tf.math.sigmoid(tf.math.add(gates.get(0), tf.math.mul(wci, c)));
      Operand<TFloat32> f = tf.math.sigmoid(tf.math.add(gates.get(1), tf.math.mul(wcf, c)));
      Operand<TFloat32> cNew =
          tf.math.add(tf.math.mul(f, c), tf.math.mul(i, tf.math.tanh(gates.get(2))));
      Operand<TFloat32> o = tf.math.sigmoid(tf.math.add(gates.get(3), tf.math.mul(wco, cNew)));
      Operand<TFloat32> hNew = tf.math.mul(o, tf.math.tanh(cNew));
      if (mask != null) {
        // m·new + (1 - m)·old: padding keeps the state of the last real word.
        Operand<TFloat32> m = tf.reshape(ms.get(t), tf.constant(new long[] {-1, 1, 1, 1}));
        Operand<TFloat32> keep = tf.math.sub(tf.constant(1f), m);
        cNew = tf.math.add(tf.math.mul(m, cNew), tf.math.mul(keep, c));
        hNew = tf.math.add(tf.math.mul(m, hNew), tf.math.mul(keep, h));
      }
      c = cNew;
      h = hNew;
      outputs.add(h);
    }
    return tf.stack(outputs, org.tensorflow.op.core.Stack.axis(1L));
  }
}
