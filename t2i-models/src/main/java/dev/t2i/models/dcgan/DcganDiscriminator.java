package dev.t2i.models.dcgan;

import dev.t2i.api.Discriminator;
import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.models.layers.Layers;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * The DCGAN discriminator: strided convolutions with batch normalisation (not on the first layer)
 * and LeakyReLU 0.2 halve the image down to {@code 4 × 4}; with text, its projection is tiled over
 * that map and mixed in by a {@code 1 × 1} convolution ({@code projected}), or projected to the
 * size of the map's features and multiplied with them ({@code inner-product}, Miyato and Koyama
 * 2018: {@code logit = w·φ(x) + b + (V t)·φ(x)}, so that each word's share of the text vector
 * scores the image on its own); a linear layer gives the logit. A word-sequence encoder's captions
 * are read through learned phrase features ({@link Layers#phrases}) in place of the pooled vector.
 */
public final class DcganDiscriminator implements Discriminator {
  private final DcganDiscriminatorSettings settings;
  private final TextShape textShape;

  @Inject
  public DcganDiscriminator(DcganDiscriminatorSettings settings, Optional<TextEncoder> encoder) {
    this.settings = settings;
    if (settings.text() != DcganDiscriminatorSettings.TextInput.NONE) {
      TextEncoder e =
          encoder.orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "discriminator dcgan with text: "
                          + settings
                              .text()
                              .name()
                              .toLowerCase(java.util.Locale.ROOT)
                              .replace('_', '-')
                          + " reads text: configure an encoder, or set text: none"));
      this.textShape = e.shape();
    } else {
      this.textShape = null;
    }
  }

  @Override
  public boolean conditional() {
    return textShape != null;
  }

  @Override
  public boolean scoresPairs() {
    return settings.text() == DcganDiscriminatorSettings.TextInput.INNER_PRODUCT;
  }

  @Override
  public Operand<TFloat32> score(
      Ops tf, Parameters p, Operand<TFloat32> images, Operand<TFloat32> text, Mode mode) {
    Trunk trunk = trunk(tf, p, images, mode);
    long features = trunk.features();
    if (scoresPairs()) {
      Projection s = project(tf, p, trunk, text);
      Operand<TFloat32> match =
          tf.reduceSum(
              tf.math.mul(s.embedded(), s.phi()), tf.constant(1), ReduceSum.keepDims(true));
      return tf.reshape(tf.math.add(s.unconditional(), match), tf.constant(new long[] {-1}));
    }
    Operand<TFloat32> h = trunk.map();
    int channels = trunk.channels();
    if (conditional()) {
      int proj = settings.textProjection();
      Operand<TFloat32> t =
          Layers.sentence(tf, p, "text", text, textShape, settings.textWindow(), proj);
      t =
          tf.tile(
              tf.reshape(t, tf.constant(new long[] {-1, 1, 1, proj})),
              tf.constant(new int[] {1, 4, 4, 1}));
      h = tf.concat(List.of(h, t), tf.constant(3));
      h = Layers.convNoBias(tf, p, "joint", h, channels + proj, channels, 1, 1);
      h = Layers.leaky(tf, Layers.batchNorm(tf, p, "joint_bn", h, channels, mode));
    }
    Operand<TFloat32> logits =
        Layers.dense(tf, p, "logit", Layers.flatten(tf, h, features), (int) features, 1);
    return tf.reshape(logits, tf.constant(new long[] {-1}));
  }

  /**
   * {@code inner-product} only: {@code w·φ(xᵢ) + b + (V tⱼ)·φ(xᵢ)} for every image i and caption j.
   */
  @Override
  public Operand<TFloat32> scorePairs(
      Ops tf, Parameters p, Operand<TFloat32> images, Operand<TFloat32> text, Mode mode) {
    if (!scoresPairs()) {
      return Discriminator.super.scorePairs(tf, p, images, text, mode);
    }
    Projection s = project(tf, p, trunk(tf, p, images, mode), text);
    return tf.math.add(
        s.unconditional(), tf.linalg.matMul(s.phi(), s.embedded(), MatMul.transposeB(true)));
  }

  /** The {@code 4 × 4} feature map, its channels, and its size flattened. */
  private record Trunk(Operand<TFloat32> map, int channels) {
    long features() {
      return 16L * channels;
    }
  }

  /**
   * Image features {@code [N, F]}, their unconditional logit {@code [N, 1]} and the projected text
   * {@code [M, F]}.
   */
  private record Projection(
      Operand<TFloat32> phi, Operand<TFloat32> unconditional, Operand<TFloat32> embedded) {}

  private Trunk trunk(Ops tf, Parameters p, Operand<TFloat32> images, Mode mode) {
    int size = (int) images.shape().get(1);
    int stages = Layers.stages(size);
    int channels = settings.ndf();
    Operand<TFloat32> h = Layers.leaky(tf, Layers.conv(tf, p, "conv1", images, 3, channels, 4, 2));
    for (int i = 2; i <= stages; i++) {
      int out = settings.ndf() * Math.min(8, 1 << (i - 1));
      h = Layers.convNoBias(tf, p, "conv" + i, h, channels, out, 4, 2);
      h = Layers.leaky(tf, Layers.batchNorm(tf, p, "conv" + i + "_bn", h, out, mode));
      channels = out;
    }
    if (settings.minibatchStddev()) {
      h = tf.concat(List.of(h, batchSpread(tf, h)), tf.constant(3));
      channels += 1;
    }
    return new Trunk(h, channels);
  }

  private Projection project(Ops tf, Parameters p, Trunk trunk, Operand<TFloat32> text) {
    long features = trunk.features();
    Operand<TFloat32> phi = Layers.flatten(tf, trunk.map(), features);
    Operand<TFloat32> unconditional = Layers.dense(tf, p, "logit", phi, (int) features, 1);
    Operand<TFloat32> embedded =
        textShape.sequence()
            ? Layers.linear(
                tf, p, "text", phrases(tf, p, text), settings.textProjection(), (int) features)
            : Layers.linear(tf, p, "text", text, textShape.dimension(), (int) features);
    return new Projection(phi, unconditional, embedded);
  }

  /** {@code [N, T, D]} word vectors to {@code [N, textProjection]} learned phrase features. */
  private Operand<TFloat32> phrases(Ops tf, Parameters p, Operand<TFloat32> words) {
    return Layers.phrases(
        tf,
        p,
        "text_phrases",
        words,
        textShape.dimension(),
        settings.textWindow(),
        settings.textProjection());
  }

  /**
   * One {@code [N, 4, 4, 1]} map holding the standard deviation over the batch of each feature,
   * averaged over features and positions: near zero when the batch's images are alike.
   */
  static Operand<TFloat32> batchSpread(Ops tf, Operand<TFloat32> h) {
    Operand<TFloat32> mean = tf.math.mean(h, tf.constant(0), Mean.keepDims(true));
    Operand<TFloat32> variance = tf.math.mean(tf.math.squaredDifference(h, mean), tf.constant(0));
    Operand<TFloat32> spread =
        tf.math.mean(
            tf.math.sqrt(tf.math.add(variance, tf.constant(1e-8f))),
            tf.constant(new int[] {0, 1, 2}));
    // A plane shaped like one channel of h, filled with the spread (the product with 0 keeps the
    // batch size dynamic).
    Operand<TFloat32> plane =
        tf.math.mul(tf.math.mean(h, tf.constant(3), Mean.keepDims(true)), tf.constant(0f));
    return tf.math.add(plane, spread);
  }
}
