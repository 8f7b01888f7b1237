package dev.t2i.models.dfgan;

import dev.t2i.api.Generator;
import dev.t2i.api.GeneratorInput;
import dev.t2i.api.GeneratorOutput;
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
import org.tensorflow.types.TFloat32;

/**
 * DF-GAN's generator at {@code 32}, {@code 64} or {@code 128} pixels. Gaussian noise {@code z} goes
 * through a dense layer to a {@code 4 × 4} map of {@code 8·ngf} features ({@code 4·ngf} at 32
 * pixels). Each block then doubles the size (nearest neighbour, or bilinear with {@code upsampling:
 * bilinear}) and applies, on a residual branch, two rounds of deep fusion and a {@code 3 × 3}
 * convolution; the fusion is two affine transforms, each followed by LeakyReLU 0.2, whose
 * per-channel scale and shift are perceptrons of the condition {@code [z, s]}, with {@code s} a
 * learned sentence vector. The shortcut is the up-sampled input (through a {@code 1 × 1}
 * convolution where the width changes). LeakyReLU, a {@code 3 × 3} convolution and {@code tanh}
 * give the image. No transposed convolution, so no checkerboard; no batch normalisation, so
 * training and inference are the same network.
 */
public final class DfganGenerator implements Generator {
  private final DfganGeneratorSettings settings;
  private final TextShape text;

  @Inject
  public DfganGenerator(DfganGeneratorSettings settings, Optional<TextEncoder> encoder) {
    this(
        settings,
        encoder
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "generator dfgan reads text: configure an encoder"))
            .shape());
  }

  /** A generator reading captions of shape {@code text}. */
  public DfganGenerator(DfganGeneratorSettings settings, TextShape text) {
    this.settings = settings;
    this.text = text;
  }

  @Override
  public int imageSize() {
    return settings.imageSize();
  }

  @Override
  public int noiseDimension() {
    return settings.noiseDimension();
  }

  @Override
  public TextShape textShape() {
    return text;
  }

  @Override
  public GeneratorOutput generate(Ops tf, Parameters p, GeneratorInput input, Mode mode) {
    Operand<TFloat32> sentence =
        Layers.sentence(
            tf, p, "text", input.text(), text, settings.textWindow(), settings.sentenceDimension());
    Operand<TFloat32> condition = tf.concat(List.of(input.noise(), sentence), tf.constant(1));
    int width = settings.noiseDimension() + settings.sentenceDimension();
    int stages = Layers.stages(settings.imageSize());
    int channels = channels(0, stages);
    Operand<TFloat32> h =
        FusionLayers.dense(
            tf, p, "project", input.noise(), settings.noiseDimension(), 16 * channels);
    h = tf.reshape(h, tf.constant(new long[] {-1, 4, 4, channels}));
    int size = 4;
    for (int i = 1; i <= stages; i++) {
      int out = channels(i, stages);
      h =
          block(
              tf,
              p,
              "block" + i,
              Layers.resize(tf, h, size, settings.upsampling()),
              channels,
              out,
              condition,
              width);
      size *= 2;
      channels = out;
    }
    Operand<TFloat32> rgb =
        FusionLayers.conv(tf, p, "rgb", Layers.leaky(tf, h), channels, 3, 3, 1, "SAME");
    return GeneratorOutput.of(tf.math.tanh(rgb));
  }

  /**
   * Width after block {@code i} of {@code stages} (block 0: the first map): 8, 8, 4, 2, 1 times ngf
   * at 64 pixels.
   */
  private int channels(int i, int stages) {
    return settings.ngf() * Math.min(8, 1 << (stages - Math.max(i, 1)));
  }

  private static Operand<TFloat32> block(
      Ops tf,
      Parameters p,
      String name,
      Operand<TFloat32> x,
      int in,
      int out,
      Operand<TFloat32> condition,
      int width) {
    Operand<TFloat32> r = fuse(tf, p, name + "_fuse1", x, in, condition, width);
    r = FusionLayers.conv(tf, p, name + "_conv1", r, in, out, 3, 1, "SAME");
    r = fuse(tf, p, name + "_fuse2", r, out, condition, width);
    r = FusionLayers.conv(tf, p, name + "_conv2", r, out, out, 3, 1, "SAME");
    Operand<TFloat32> shortcut =
        in == out ? x : FusionLayers.conv(tf, p, name + "_shortcut", x, in, out, 1, 1, "SAME");
    return tf.math.add(shortcut, r);
  }

  /** Deep fusion: affine, LeakyReLU, affine, LeakyReLU. */
  private static Operand<TFloat32> fuse(
      Ops tf,
      Parameters p,
      String name,
      Operand<TFloat32> x,
      int channels,
      Operand<TFloat32> condition,
      int width) {
    Operand<TFloat32> h =
        Layers.leaky(tf, FusionLayers.affine(tf, p, name + "_a", x, channels, condition, width));
    return Layers.leaky(tf, FusionLayers.affine(tf, p, name + "_b", h, channels, condition, width));
  }
}
