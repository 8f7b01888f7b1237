package dev.t2i.models.dcgan;

import dev.t2i.api.Generator;
import dev.t2i.api.GeneratorInput;
import dev.t2i.api.GeneratorOutput;
import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.models.layers.Layers;
import dev.t2i.models.layers.Upsampling;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The DCGAN generator (the report's Figure 1): the input vector is projected to a {@code 4 × 4} map
 * with {@code 8·ngf} features, then fractionally-strided convolutions with batch normalisation and
 * ReLU double the size until the image, which ends in {@code tanh}. In {@code projected} mode it
 * reads a pooled caption vector through a dense layer, or a caption's word vectors through learned
 * phrase features ({@link Layers#phrases}), optionally perturbed by conditioning augmentation
 * ({@link Layers#conditioningAugmentation}).
 */
public final class DcganGenerator implements Generator {
  private final DcganGeneratorSettings settings;
  private final TextShape text;

  @Inject
  public DcganGenerator(DcganGeneratorSettings settings, Optional<TextEncoder> encoder) {
    this(settings, textShape(settings.conditioning(), encoder));
  }

  /**
   * A generator reading text of shape {@code text} per image: one vector, or a word sequence in
   * projected mode (null: no text).
   */
  public DcganGenerator(DcganGeneratorSettings settings, TextShape text) {
    if (settings.wordAttention() && (text == null || !text.sequence())) {
      throw new IllegalArgumentException(
          "generator dcgan with wordAttention reads the caption's words, but the encoder pools them into one vector; use word2vec-sequence");
    }
    this.settings = settings;
    this.text = text;
  }

  /**
   * The encoder's shape when the conditioning reads text, else null. Word sequences only in {@code
   * projected} mode, which reads them through phrase features.
   */
  private static TextShape textShape(Conditioning conditioning, Optional<TextEncoder> encoder) {
    if (conditioning == Conditioning.NOISE) {
      return null;
    }
    TextEncoder e =
        encoder.orElseThrow(
            () ->
                new IllegalArgumentException(
                    "generator dcgan with conditioning "
                        + conditioning.name().toLowerCase(java.util.Locale.ROOT)
                        + " reads text: configure an encoder"));
    if (e.shape().sequence() && conditioning != Conditioning.PROJECTED) {
      throw new IllegalArgumentException(
          "generator dcgan with conditioning "
              + conditioning.name().toLowerCase(java.util.Locale.ROOT)
              + " reads one vector per caption, but the encoder gives a sequence of "
              + e.shape().steps()
              + "; use word2vec-sum, conditioning projected, or the convlstm generator for sequences");
    }
    return e.shape();
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

  public DcganGeneratorSettings settings() {
    return settings;
  }

  @Override
  public GeneratorOutput generate(Ops tf, Parameters params, GeneratorInput input, Mode mode) {
    return GeneratorOutput.of(network(tf, params, input.noise(), input.text(), mode));
  }

  /**
   * The network on {@code [B, Z]} noise (or null) and {@code [B, D]} text, {@code [B, T, D]} word
   * vectors, or null.
   */
  public Operand<TFloat32> network(
      Ops tf, Parameters p, Operand<TFloat32> noise, Operand<TFloat32> textIn, Mode mode) {
    return lastLayer(tf, p, trunk(tf, p, noise, textIn, mode, 1));
  }

  /** Side of the trunk's output: half the image size. */
  public int trunkSize() {
    return settings.imageSize() / 2;
  }

  /** Channels of the trunk's output: {@code ngf}. */
  public int trunkChannels() {
    return settings.ngf();
  }

  /**
   * Every layer but the last: {@code [N, size/2, size/2, ngf]} features. Batch normalisation keeps
   * statistics per group of rows when {@code groups > 1} (see {@link Layers#batchNorm(Ops,
   * Parameters, String, Operand, int, Mode, int)}).
   */
  public Operand<TFloat32> trunk(
      Ops tf,
      Parameters p,
      Operand<TFloat32> noise,
      Operand<TFloat32> textIn,
      Mode mode,
      int groups) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    Layers.Phrases words = null;
    int width = 0;
    if (settings.noiseDimension() > 0) {
      parts.add(noise);
      width += settings.noiseDimension();
    }
    switch (settings.conditioning()) {
      case TEXT -> {
        parts.add(textIn);
        width += text.dimension();
      }
      case PROJECTED -> {
        words =
            text.sequence()
                ? Layers.phraseFeatures(
                    tf,
                    p,
                    "text_phrases",
                    textIn,
                    text.dimension(),
                    settings.textWindow(),
                    settings.textProjection())
                : null;
        Operand<TFloat32> features =
            words != null
                ? words.mean(tf)
                : Layers.leaky(
                    tf,
                    Layers.dense(
                        tf, p, "text", textIn, text.dimension(), settings.textProjection()));
        parts.add(
            settings.conditioningAugmentation() > 0
                ? Layers.conditioningAugmentation(
                    tf,
                    p,
                    "text_ca",
                    features,
                    settings.textProjection(),
                    settings.conditioningAugmentation(),
                    mode)
                : features);
        width += settings.textProjection();
      }
      case NOISE -> {}
    }
    Operand<TFloat32> z = parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(1));
    int stages = Layers.stages(settings.imageSize());
    int channels = settings.ngf() * Math.min(8, 1 << (stages - 1));
    Operand<TFloat32> h = Layers.dense(tf, p, "project", z, width, 16 * channels);
    h = tf.reshape(h, tf.constant(new long[] {-1, 4, 4, channels}));
    h = tf.nn.relu(Layers.batchNorm(tf, p, "project_bn", h, channels, mode, groups));
    int size = 4;
    for (int i = 1; i < stages; i++) {
      int out = settings.ngf() * Math.min(8, 1 << (stages - 1 - i));
      size *= 2;
      h =
          switch (settings.upsampling()) {
            case TRANSPOSED ->
                Layers.deconvNoBias(tf, p, "deconv" + i, h, channels, out, size, 4, 2);
            case NEAREST ->
                Layers.doubleThenConvNoBias(tf, p, "upconv" + i, h, channels, out, size / 2);
            case BILINEAR ->
                Layers.convNoBias(
                    tf,
                    p,
                    "upconv" + i,
                    Layers.resize(tf, h, size / 2, Upsampling.BILINEAR),
                    channels,
                    out,
                    3,
                    1);
          };
      h = tf.nn.relu(Layers.batchNorm(tf, p, "deconv" + i + "_bn", h, out, mode, groups));
      channels = out;
    }
    return settings.wordAttention()
        ? Layers.wordAttention(tf, p, "attention", h, size, channels, words)
        : h;
  }

  /**
   * The last layer: a transposed convolution (or a doubling and a 3 × 3 convolution) to 3 channels
   * at the image size, then tanh; {@code outputUpsampling} chooses which.
   */
  public Operand<TFloat32> lastLayer(Ops tf, Parameters p, Operand<TFloat32> features) {
    int stages = Layers.stages(settings.imageSize());
    int half = settings.imageSize() / 2;
    Operand<TFloat32> rgb =
        switch (settings.outputUpsampling()) {
          case TRANSPOSED ->
              Layers.deconv(
                  tf,
                  p,
                  "deconv" + stages,
                  features,
                  settings.ngf(),
                  3,
                  settings.imageSize(),
                  4,
                  2);
          case NEAREST ->
              Layers.doubleThenConv(tf, p, "upconv" + stages, features, settings.ngf(), 3, half);
          case BILINEAR ->
              Layers.conv(
                  tf,
                  p,
                  "upconv" + stages,
                  Layers.resize(tf, features, half, Upsampling.BILINEAR),
                  settings.ngf(),
                  3,
                  3,
                  1);
        };
    return tf.math.tanh(rgb);
  }
}
