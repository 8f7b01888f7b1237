package dev.t2i.models.convlstm;

import dev.t2i.api.Generator;
import dev.t2i.api.GeneratorInput;
import dev.t2i.api.GeneratorOutput;
import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.models.dcgan.DcganGenerator;
import dev.t2i.models.layers.Layers;
import jakarta.inject.Inject;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code convlstm}: the report's whole network (sections 4 and 5(6)).
 *
 * <p>A caption of n words comes as {@code [B, T, D]} word vectors with a mask. Words 1..n-1 go
 * through the generator, word n through the GNN branch (the same network when parameters are
 * shared); all n outputs go through a peephole {@link ConvLstm}, which either follows the word
 * images and is itself followed by two size-preserving transposed convolutions ("method 1"), or
 * sits before the generator's last layer ("method 2"). The outputs for words 1..n-1 are the fakes
 * the discriminator sees ({@link GeneratorOutput#fakeWeights()} selects them); the output for word
 * n is the caption's image, which a Euclidean loss compares with the caption's own image. Every
 * word's image is exposed as {@link GeneratorOutput#steps()}, for the "mean" loss and the per-word
 * view.
 */
public final class SentenceGenerator implements Generator {
  private final SentenceGeneratorSettings settings;
  private final TextShape text;
  private final DcganGenerator words;

  @Inject
  public SentenceGenerator(SentenceGeneratorSettings settings, Optional<TextEncoder> encoder) {
    this.settings = settings;
    TextEncoder e =
        encoder.orElseThrow(
            () ->
                new IllegalArgumentException(
                    "generator convlstm reads captions: configure an encoder"));
    if (!e.shape().sequence()) {
      throw new IllegalArgumentException(
          "generator convlstm reads one vector per word: use the word2vec-sequence encoder");
    }
    this.text = e.shape();
    this.words = new DcganGenerator(settings.network(), TextShape.pooled(text.dimension()));
  }

  @Override
  public int imageSize() {
    return words.imageSize();
  }

  @Override
  public int noiseDimension() {
    return words.noiseDimension();
  }

  @Override
  public TextShape textShape() {
    return text;
  }

  @Override
  public boolean imagePerWord() {
    return true;
  }

  @Override
  public GeneratorOutput generate(Ops tf, Parameters params, GeneratorInput input, Mode mode) {
    int t = text.steps();
    int d = text.dimension();
    int size = imageSize();
    int groups = settings.batchNorm() == BatchNormLayout.LENGTH_MAJOR ? t : 1;
    Operand<TFloat32> mask = input.mask();
    // The last real word of each caption: a one-hot [B, T] (all zeros for an empty caption).
    Operand<TFloat32> length = tf.reduceSum(mask, tf.constant(1));
    Operand<TFloat32> positions = tf.constant(range(t));
    Operand<TFloat32> isLast =
        tf.math.mul(
            tf.dtypes.cast(
                tf.math.equal(
                    tf.expandDims(positions, tf.constant(0)),
                    tf.expandDims(tf.math.sub(length, tf.constant(1f)), tf.constant(1))),
                TFloat32.class),
            mask);
    Operand<TFloat32> isWord = tf.math.sub(mask, isLast);

    Operand<TFloat32> flatText = tf.reshape(input.text(), tf.constant(new long[] {-1, d}));
    Operand<TFloat32> noise = null;
    if (noiseDimension() > 0) {
      // Each caption's noise, the same for all its words.
      noise =
          tf.reshape(
              tf.tile(
                  tf.expandDims(input.noise(), tf.constant(1)), tf.constant(new int[] {1, t, 1})),
              tf.constant(new long[] {-1, noiseDimension()}));
    }
    Placement placement = settings.placement();
    // Every placement but method 2 runs the per-word generator to its images.
    boolean wordImages = placement != Placement.PENULTIMATE;
    Operand<TFloat32> perWord = perWord(tf, params, noise, flatText, mode, groups, wordImages);
    if (settings.gnn() && !settings.shareParameters()) {
      // The GNN branch has its own weights: run it on every word, keep its output for word n only.
      Operand<TFloat32> zeros = noise == null ? null : tf.zerosLike(noise);
      Operand<TFloat32> gnn =
          perWord(tf, params.scope("GNN"), zeros, flatText, mode, groups, wordImages);
      Operand<TFloat32> last = tf.reshape(isLast, tf.constant(new long[] {-1, 1, 1, 1}));
      perWord =
          tf.math.add(
              tf.math.mul(last, gnn), tf.math.mul(tf.math.sub(tf.constant(1f), last), perWord));
    }
    Operand<TFloat32> images =
        placement == Placement.NONE
            ? perWord
            : throughConvLstm(tf, params, perWord, mask, mode, groups);
    Operand<TFloat32> steps = tf.reshape(images, tf.constant(new long[] {-1, t, size, size, 3}));
    Operand<TFloat32> lastMask = tf.reshape(isLast, tf.constant(new long[] {-1, t, 1, 1, 1}));
    Operand<TFloat32> captionImage = tf.reduceSum(tf.math.mul(steps, lastMask), tf.constant(1));
    // With the GNN, word n is its own; without, every word's image is a fake for D.
    Operand<TFloat32> fakeWeights =
        tf.reshape(settings.gnn() ? isWord : mask, tf.constant(new long[] {-1}));
    return new GeneratorOutput(captionImage, images, fakeWeights, steps, mask);
  }

  /**
   * The ConvLSTM over the words' outputs ({@code [B·T, S, S, C]}), then what follows it: the tail
   * (method 1), the generator's last layer (method 2), or nothing (its state is the image).
   */
  private Operand<TFloat32> throughConvLstm(
      Ops tf,
      Parameters params,
      Operand<TFloat32> perWord,
      Operand<TFloat32> mask,
      Mode mode,
      int groups) {
    int t = text.steps();
    int fmSize = (int) perWord.shape().get(1);
    int fmChannels = (int) perWord.shape().get(3);
    Operand<TFloat32> sequence =
        tf.reshape(perWord, tf.constant(new long[] {-1, t, fmSize, fmSize, fmChannels}));
    Operand<TFloat32> hidden =
        ConvLstm.apply(
            tf,
            params.scope("lstm"),
            sequence,
            mask,
            t,
            fmSize,
            fmSize,
            fmChannels,
            settings.filters(),
            settings.kernel());
    Operand<TFloat32> flatHidden =
        tf.reshape(hidden, tf.constant(new long[] {-1, fmSize, fmSize, settings.filters()}));
    return switch (settings.placement()) {
      case LAST_LAYER -> tail(tf, params, flatHidden, mode, groups);
      case PENULTIMATE -> head(tf, params, flatHidden);
      case OUTPUT, NONE -> flatHidden; // o * tanh(c): already in (-1, 1)
    };
  }

  /**
   * Each word's output of the per-word generator: images (methods 1, output and none) or trunk
   * features (method 2).
   */
  private Operand<TFloat32> perWord(
      Ops tf,
      Parameters p,
      Operand<TFloat32> noise,
      Operand<TFloat32> text,
      Mode mode,
      int groups,
      boolean images) {
    Operand<TFloat32> features = words.trunk(tf, p, noise, text, mode, groups);
    return images ? words.lastLayer(tf, p, features) : features;
  }

  /** Method 1: two transposed convolutions that keep the size, the last to 3 channels. */
  private Operand<TFloat32> tail(Ops tf, Parameters p, Operand<TFloat32> h, Mode mode, int groups) {
    int f = settings.filters();
    int size = imageSize();
    Operand<TFloat32> x = Layers.deconvNoBias(tf, p, "tail1", h, f, f, size, 3, 1);
    x = tf.nn.relu(Layers.batchNorm(tf, p, "tail1_bn", x, f, mode, groups));
    return tf.math.tanh(Layers.deconv(tf, p, "tail2", x, f, 3, size, 3, 1));
  }

  /** Method 2: the generator's last layer, reading the ConvLSTM's channels. */
  private Operand<TFloat32> head(Ops tf, Parameters p, Operand<TFloat32> h) {
    return tf.math.tanh(Layers.deconv(tf, p, "head", h, settings.filters(), 3, imageSize(), 4, 2));
  }

  private static float[] range(int n) {
    float[] r = new float[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}
