package dev.t2i.models.dcgan;

import dev.t2i.api.Discriminator;
import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import dev.t2i.api.TextEncoder;
import dev.t2i.models.layers.Layers;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The DCGAN discriminator: strided convolutions with batch normalisation (not on the first
 * layer) and LeakyReLU 0.2 halve the image down to {@code 4 × 4}; with text, its projection is
 * tiled over that map and mixed in by a {@code 1 × 1} convolution; a linear layer gives the logit.
 */
public final class DcganDiscriminator implements Discriminator {
  private final DcganDiscriminatorSettings settings;
  private final int textDimension;

  @Inject
  public DcganDiscriminator(DcganDiscriminatorSettings settings, Optional<TextEncoder> encoder) {
    this.settings = settings;
    if (settings.text() == DcganDiscriminatorSettings.TextInput.PROJECTED) {
      TextEncoder e = encoder.orElseThrow(() -> new IllegalArgumentException(
          "discriminator dcgan with text: projected reads text: configure an encoder, or set text: none"));
      if (e.shape().sequence()) {
        throw new IllegalArgumentException("discriminator dcgan reads one vector per caption; the encoder gives sequences (set text: none)");
      }
      this.textDimension = e.shape().dimension();
    } else {
      this.textDimension = 0;
    }
  }

  @Override
  public boolean conditional() {
    return textDimension > 0;
  }

  @Override
  public Operand<TFloat32> score(Ops tf, Parameters p, Operand<TFloat32> images, Operand<TFloat32> text, Mode mode) {
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
    if (conditional()) {
      int proj = settings.textProjection();
      Operand<TFloat32> t = Layers.leaky(tf, Layers.dense(tf, p, "text", text, textDimension, proj));
      t = tf.tile(tf.reshape(t, tf.constant(new long[] {-1, 1, 1, proj})), tf.constant(new int[] {1, 4, 4, 1}));
      h = tf.concat(List.of(h, t), tf.constant(3));
      h = Layers.convNoBias(tf, p, "joint", h, channels + proj, channels, 1, 1);
      h = Layers.leaky(tf, Layers.batchNorm(tf, p, "joint_bn", h, channels, mode));
    }
    Operand<TFloat32> logits = Layers.dense(tf, p, "logit", Layers.flatten(tf, h, 16L * channels), 16 * channels, 1);
    return tf.reshape(logits, tf.constant(new long[] {-1}));
  }
}
