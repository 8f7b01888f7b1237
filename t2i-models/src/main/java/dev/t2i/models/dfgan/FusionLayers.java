package dev.t2i.models.dfgan;

import dev.t2i.api.Parameters;
import dev.t2i.models.layers.Products;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Constant;
import org.tensorflow.framework.initializers.RandomNormal;
import org.tensorflow.framework.initializers.Zeros;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The layers DF-GAN is built from. Without batch normalisation, weights start from {@code N(0,
 * 1/fan-in)}, which keeps the scale of activations through the residual blocks (the DCGAN layers'
 * {@code N(0, 0.02)} would shrink them layer after layer).
 *
 * <p>Every op here has a second-order gradient in TensorFlow's C++ registry, so a gradient penalty
 * on the discriminator's inputs can be differentiated again: down-sampling is a reshape and a mean,
 * not {@code AvgPool}, whose gradient op has no gradient.
 */
final class FusionLayers {
  private FusionLayers() {}

  private static Variable<TFloat32> weight(
      Ops tf, Parameters p, String name, Shape shape, long fanIn) {
    return p.trainable(
        tf, name, shape, new RandomNormal<>(0, 1 / Math.sqrt(fanIn), p.seedFor(name)));
  }

  /**
   * A {@code k × k} convolution with a bias, SAME or VALID padding: {@code [N, H, W, in] → [N, H/s,
   * W/s, out]}.
   */
  static Operand<TFloat32> conv(
      Ops tf,
      Parameters p,
      String name,
      Operand<TFloat32> x,
      int in,
      int out,
      int k,
      int stride,
      String padding) {
    Variable<TFloat32> w = weight(tf, p, name + "_w", Shape.of(k, k, in, out), (long) k * k * in);
    Variable<TFloat32> b = p.trainable(tf, name + "_b", Shape.of(out), new Zeros<>());
    return tf.nn.biasAdd(
        Products.conv2d(tf, p, x, w, List.of(1L, (long) stride, (long) stride, 1L), padding), b);
  }

  /** {@code x · W + b}: {@code [N, in] → [N, out]}. */
  static Operand<TFloat32> dense(
      Ops tf, Parameters p, String name, Operand<TFloat32> x, int in, int out) {
    Variable<TFloat32> w = weight(tf, p, name + "_w", Shape.of(in, out), in);
    Variable<TFloat32> b = p.trainable(tf, name + "_b", Shape.of(out), new Zeros<>());
    return tf.nn.biasAdd(Products.matMul(tf, p, x, w), b);
  }

  /**
   * DF-GAN's affine transform: {@code γ(c) ⊙ x + β(c)}, each of {@code γ} and {@code β} a two-layer
   * perceptron of the condition {@code c} ({@code [N, width]}) with one value per channel. Their
   * last layers start at zero weights, {@code γ} with bias 1 and {@code β} with bias 0, so a new
   * block passes its input through unchanged.
   */
  static Operand<TFloat32> affine(
      Ops tf,
      Parameters p,
      String name,
      Operand<TFloat32> x,
      int channels,
      Operand<TFloat32> condition,
      int width) {
    Operand<TFloat32> gamma = perceptron(tf, p, name + "_gamma", condition, width, channels, 1f);
    Operand<TFloat32> beta = perceptron(tf, p, name + "_beta", condition, width, channels, 0f);
    long[] perChannel = {-1, 1, 1, channels};
    return tf.math.add(
        tf.math.mul(x, tf.reshape(gamma, tf.constant(perChannel))),
        tf.reshape(beta, tf.constant(perChannel)));
  }

  private static Operand<TFloat32> perceptron(
      Ops tf, Parameters p, String name, Operand<TFloat32> c, int width, int channels, float bias) {
    Operand<TFloat32> hidden = tf.nn.relu(dense(tf, p, name + "_1", c, width, channels));
    Variable<TFloat32> w =
        p.trainable(tf, name + "_2_w", Shape.of(channels, channels), new Zeros<>());
    Variable<TFloat32> b = p.trainable(tf, name + "_2_b", Shape.of(channels), new Constant<>(bias));
    return tf.nn.biasAdd(Products.matMul(tf, p, hidden, w), b);
  }

  /**
   * 2 × 2 average pooling as a reshape and a mean: {@code [N, S, S, C] → [N, S/2, S/2, C]}. Unlike
   * {@code AvgPool}, both ops have second-order gradients.
   */
  static Operand<TFloat32> averagePool(Ops tf, Operand<TFloat32> x, int size, int channels) {
    int half = size / 2;
    Operand<TFloat32> blocks =
        tf.reshape(x, tf.constant(new long[] {-1, half, 2, half, 2, channels}));
    return tf.math.mean(blocks, tf.constant(new int[] {2, 4}));
  }
}
