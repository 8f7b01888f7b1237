package dev.t2i.models.dfgan;

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
import org.tensorflow.framework.initializers.Zeros;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * DF-GAN's discriminator: a {@code 3 × 3} convolution to {@code ndf} features, then residual blocks
 * that halve the image down to {@code 4 × 4} and double the width up to {@code 16·ndf}. Each block
 * adds {@code γ ·} (a {@code 4 × 4} stride-2 convolution and a {@code 3 × 3} one, each followed by
 * LeakyReLU 0.2) to its input average-pooled (then through a {@code 1 × 1} convolution where the
 * width changes), with a learned scalar {@code γ} that starts at zero. The one-way output
 * concatenates the {@code 4 × 4} features with the learned sentence vector tiled over them, then a
 * {@code 3 × 3} convolution to {@code 2·ndf}, LeakyReLU, and a {@code 4 × 4} valid convolution give
 * one logit. With {@code text: projection} the sentence is left out of that output and enters as
 * the inner product of its projection with the pooled {@code 4 × 4} features instead. No batch
 * normalisation: each image is scored on its own, which a gradient penalty on the inputs needs.
 */
public final class DfganDiscriminator implements Discriminator {
  private final DfganDiscriminatorSettings settings;
  private final TextShape text;

  @Inject
  public DfganDiscriminator(DfganDiscriminatorSettings settings, Optional<TextEncoder> encoder) {
    this(
        settings,
        encoder
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "discriminator dfgan reads text: configure an encoder"))
            .shape());
  }

  /** A discriminator reading captions of shape {@code text}. */
  public DfganDiscriminator(DfganDiscriminatorSettings settings, TextShape text) {
    this.settings = settings;
    this.text = text;
  }

  @Override
  public boolean conditional() {
    return true;
  }

  @Override
  public Operand<TFloat32> score(
      Ops tf, Parameters p, Operand<TFloat32> images, Operand<TFloat32> captions, Mode mode) {
    int size = (int) images.shape().get(1);
    int stages = Layers.stages(size);
    int channels = settings.ndf();
    Operand<TFloat32> h = FusionLayers.conv(tf, p, "image", images, 3, channels, 3, 1, "SAME");
    for (int i = 1; i <= stages; i++) {
      int out = settings.ndf() * Math.min(16, 1 << i);
      h = block(tf, p, "block" + i, h, size, channels, out);
      size /= 2;
      channels = out;
    }
    int s = settings.sentenceDimension();
    Operand<TFloat32> sentence =
        Layers.sentence(tf, p, "text", captions, text, settings.textWindow(), s);
    boolean concat = settings.text() == DfganDiscriminatorSettings.TextOutput.CONCAT;
    Operand<TFloat32> joint = h;
    if (concat) {
      Operand<TFloat32> tiled =
          tf.tile(
              tf.reshape(sentence, tf.constant(new long[] {-1, 1, 1, s})),
              tf.constant(new int[] {1, 4, 4, 1}));
      joint = tf.concat(List.of(h, tiled), tf.constant(3));
    }
    joint =
        Layers.leaky(
            tf,
            FusionLayers.conv(
                tf,
                p,
                "joint",
                joint,
                concat ? channels + s : channels,
                2 * settings.ndf(),
                3,
                1,
                "SAME"));
    Operand<TFloat32> logit =
        tf.reshape(
            FusionLayers.conv(tf, p, "logit", joint, 2 * settings.ndf(), 1, 4, 1, "VALID"),
            tf.constant(new long[] {-1}));
    if (concat) {
      return logit;
    }
    // Projection: <V s, mean of the 4 x 4 features>, so that each part of the sentence scores the
    // image on its own.
    Operand<TFloat32> pooled = tf.math.mean(h, tf.constant(new int[] {1, 2}));
    Operand<TFloat32> embedded = FusionLayers.dense(tf, p, "projection", sentence, s, channels);
    return tf.math.add(logit, tf.reduceSum(tf.math.mul(embedded, pooled), tf.constant(1)));
  }

  private static Operand<TFloat32> block(
      Ops tf, Parameters p, String name, Operand<TFloat32> x, int size, int in, int out) {
    Operand<TFloat32> r =
        Layers.leaky(tf, FusionLayers.conv(tf, p, name + "_down", x, in, out, 4, 2, "SAME"));
    r = Layers.leaky(tf, FusionLayers.conv(tf, p, name + "_conv", r, out, out, 3, 1, "SAME"));
    // Pooling before the 1 x 1 convolution is the same map (both are linear) at a quarter of the
    // cost.
    Operand<TFloat32> pooled = FusionLayers.averagePool(tf, x, size, in);
    Operand<TFloat32> shortcut =
        in == out
            ? pooled
            : FusionLayers.conv(tf, p, name + "_shortcut", pooled, in, out, 1, 1, "SAME");
    Variable<TFloat32> gamma = p.trainable(tf, name + "_gamma", Shape.scalar(), new Zeros<>());
    return tf.math.add(shortcut, tf.math.mul(gamma, r));
  }
}
