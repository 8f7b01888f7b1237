package dev.t2i.models.layers;

import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import dev.t2i.api.TextShape;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Initializer;
import org.tensorflow.framework.initializers.RandomNormal;
import org.tensorflow.framework.initializers.Zeros;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The layers of DCGAN-style networks. Weights start from N(0, 0.02), as in Radford et al.
 *
 * <p>Images are NHWC. Transposed convolutions use {@code Conv2DBackpropInput} with an output shape
 * taken from the input's batch size at run time, so a graph serves any batch size.
 */
public final class Layers {
  /** Standard deviation of the initial weights (DCGAN). */
  public static final double INIT_STDDEV = 0.02;

  /** Weight of a new batch in the moving averages of batch normalisation. */
  public static final float MOVING_AVERAGE_FACTOR = 0.1f;

  private Layers() {}

  private static Initializer<TFloat32> normal(Parameters p, String name, double mean) {
    return new RandomNormal<>(mean, INIT_STDDEV, p.seedFor(name));
  }

  /** {@code x · W + b}: {@code [N, in] → [N, out]}. */
  public static Operand<TFloat32> dense(
      Ops tf, Parameters p, String name, Operand<TFloat32> x, int in, int out) {
    Operand<TFloat32> product = linear(tf, p, name, x, in, out);
    Variable<TFloat32> b = p.trainable(tf, name + "_b", Shape.of(out), new Zeros<>());
    return tf.nn.biasAdd(product, b);
  }

  /** {@code x · W} without a bias: {@code [N, in] → [N, out]}. */
  public static Operand<TFloat32> linear(
      Ops tf, Parameters p, String name, Operand<TFloat32> x, int in, int out) {
    Variable<TFloat32> w =
        p.trainable(tf, name + "_w", Shape.of(in, out), normal(p, name + "_w", 0));
    return Products.matMul(tf, p, x, w);
  }

  /**
   * Conditioning augmentation (Zhang et al., StackGAN, 2017): {@code [N, dim]} features give a mean
   * {@code μ} and a log-variance {@code log σ²} (two dense layers); in {@link Mode#TRAIN} the
   * output is {@code μ + σ·ε} with {@code ε ~ N(0, I)} and {@code weight · KL(N(μ, σ²) ‖ N(0, I))},
   * averaged over the batch, is recorded as a penalty of {@code p}; in inference the output is
   * {@code μ}. Nearby points of the caption space then draw alike, so the generator cannot rely on
   * the exact features of each training caption.
   */
  public static Operand<TFloat32> conditioningAugmentation(
      Ops tf,
      Parameters p,
      String name,
      Operand<TFloat32> features,
      int dim,
      double weight,
      Mode mode) {
    Operand<TFloat32> mean = dense(tf, p, name + "_mu", features, dim, dim);
    if (mode != Mode.TRAIN) {
      return mean;
    }
    Operand<TFloat32> logVariance = dense(tf, p, name + "_logvar", features, dim, dim);
    Operand<TFloat32> sigma = tf.math.exp(tf.math.mul(logVariance, tf.constant(0.5f)));
    long seed = p.seedFor(name + "_eps");
    // RandomStandardNormal has no gradient in TensorFlow's C++ registry; its shape comes from μ.
    Operand<TFloat32> epsilon =
        tf.stopGradient(
            tf.random.randomStandardNormal(
                tf.shape(mean),
                TFloat32.class,
                org.tensorflow.op.random.RandomStandardNormal.seed(seed).seed2(seed >>> 17)));
    // KL(N(μ, σ²) ‖ N(0, 1)) = ½ Σ (μ² + σ² − 1 − log σ²), summed over features, averaged over
    // rows.
    Operand<TFloat32> perFeature =
        tf.math.sub(
            tf.math.add(tf.math.square(mean), tf.math.exp(logVariance)),
            tf.math.add(logVariance, tf.constant(1f)));
    Operand<TFloat32> kl =
        tf.math.mul(
            tf.math.mean(tf.reduceSum(perFeature, tf.constant(1)), tf.constant(0)),
            tf.constant((float) (0.5 * weight)));
    p.recordPenalty(kl);
    return tf.math.add(mean, tf.math.mul(sigma, epsilon));
  }

  /**
   * A learned sentence vector of {@code features} values: a caption's word vectors ({@code [N, T,
   * D]}, {@code shape.sequence()}) through {@link #phrases} named {@code name + "_phrases"}, or a
   * pooled caption vector ({@code [N, D]}) through a dense layer {@code name} and LeakyReLU.
   */
  public static Operand<TFloat32> sentence(
      Ops tf,
      Parameters p,
      String name,
      Operand<TFloat32> text,
      TextShape shape,
      int window,
      int features) {
    return shape.sequence()
        ? phrases(tf, p, name + "_phrases", text, shape.dimension(), window, features)
        : leaky(tf, dense(tf, p, name, text, shape.dimension(), features));
  }

  /**
   * Learned phrase features of a caption: a convolution over {@code width} adjacent word vectors
   * (SAME padding, bias, LeakyReLU 0.2) gives {@code features} values at every position, averaged
   * over the caption's words: {@code [N, T, dimension] → [N, features]}. Positions whose vector is
   * all zeros (the encoder's padding) are left out of the average. Unlike a mean of word vectors, a
   * window sees which word stands next to which ("white center" against "white petals"), and the
   * average keeps each phrase's share separate, so phrases seen apart can be composed.
   */
  public static Operand<TFloat32> phrases(
      Ops tf,
      Parameters p,
      String name,
      Operand<TFloat32> words,
      int dimension,
      int width,
      int features) {
    return phraseFeatures(tf, p, name, words, dimension, width, features).mean(tf);
  }

  /**
   * The phrase features of {@link #phrases} at every position, before the average, with the mask of
   * the caption's words.
   */
  public static Phrases phraseFeatures(
      Ops tf,
      Parameters p,
      String name,
      Operand<TFloat32> words,
      int dimension,
      int width,
      int features) {
    long steps = words.shape().get(1);
    if (steps < 1) {
      throw new IllegalArgumentException(
          name + ": word sequences need a fixed length, got shape " + words.shape());
    }
    Operand<TFloat32> column = tf.reshape(words, tf.constant(new long[] {-1, steps, 1, dimension}));
    Variable<TFloat32> w =
        p.trainable(
            tf, name + "_w", Shape.of(width, 1, dimension, features), normal(p, name + "_w", 0));
    Variable<TFloat32> b = p.trainable(tf, name + "_b", Shape.of(features), new Zeros<>());
    Operand<TFloat32> h =
        leaky(
            tf,
            tf.nn.biasAdd(Products.conv2d(tf, p, column, w, List.of(1L, 1L, 1L, 1L), "SAME"), b));
    h = tf.reshape(h, tf.constant(new long[] {-1, steps, features}));
    // The mask depends on the input only, so no gradient flows through it.
    Operand<TFloat32> mask =
        tf.dtypes.cast(
            tf.math.greater(tf.reduceMax(tf.math.abs(words), tf.constant(2)), tf.constant(0f)),
            TFloat32.class);
    return new Phrases(h, mask, steps, features);
  }

  /**
   * Phrase features at every position of a caption.
   *
   * @param features {@code [N, T, F]}
   * @param mask {@code [N, T]}: 1 for a word, 0 for padding
   */
  public record Phrases(Operand<TFloat32> features, Operand<TFloat32> mask, long steps, int size) {
    /** The average over the caption's words: {@code [N, F]}. */
    public Operand<TFloat32> mean(Ops tf) {
      Operand<TFloat32> sum =
          tf.reduceSum(
              tf.math.mul(features, tf.reshape(mask, tf.constant(new long[] {-1, steps, 1}))),
              tf.constant(1));
      Operand<TFloat32> count =
          tf.math.maximum(
              tf.reduceSum(mask, tf.constant(1), ReduceSum.keepDims(true)), tf.constant(1f));
      return tf.math.mul(sum, tf.math.reciprocal(count));
    }
  }

  /**
   * Word attention (as in AttnGAN, Xu et al. 2018): every position of the {@code [N, S, S, C]}
   * feature map asks which of the caption's words concern it. A {@code 1 × 1} convolution of the
   * map gives a query of {@code F} values; its scaled dot products with the words' phrase features
   * give a softmax over the caption's words (padding left out); the weighted mean of the words'
   * features, through a {@code 1 × 1} convolution, is added to the map. A region that reads "white
   * center" draws white whatever the other words say, which is what composing colour pairs never
   * seen together needs.
   */
  public static Operand<TFloat32> wordAttention(
      Ops tf,
      Parameters p,
      String name,
      Operand<TFloat32> map,
      int size,
      int channels,
      Phrases words) {
    int f = words.size();
    long positions = (long) size * size;
    Operand<TFloat32> query =
        tf.reshape(
            convNoBias(tf, p, name + "_query", map, channels, f, 1, 1),
            tf.constant(new long[] {-1, positions, f}));
    Operand<TFloat32> scores =
        tf.math.mul(
            tf.train.batchMatMul(
                query,
                words.features(),
                TFloat32.class,
                org.tensorflow.op.train.BatchMatMul.adjY(true)),
            tf.constant((float) (1 / Math.sqrt(f))));
    // Padding gets a score of -1e9: no weight after the softmax.
    Operand<TFloat32> padding =
        tf.math.mul(
            tf.math.sub(
                tf.reshape(words.mask(), tf.constant(new long[] {-1, 1, words.steps()})),
                tf.constant(1f)),
            tf.constant(1e9f));
    Operand<TFloat32> weights = tf.nn.softmax(tf.math.add(scores, padding));
    Operand<TFloat32> context =
        tf.reshape(
            tf.train.batchMatMul(weights, words.features(), TFloat32.class),
            tf.constant(new long[] {-1, size, size, f}));
    return tf.math.add(map, conv(tf, p, name + "_out", context, f, channels, 1, 1));
  }

  /**
   * A {@code k × k} convolution with the given stride, SAME padding: {@code [N, H, W, in] → [N,
   * H/s, W/s, out]}.
   */
  public static Operand<TFloat32> conv(
      Ops tf, Parameters p, String name, Operand<TFloat32> x, int in, int out, int k, int stride) {
    Variable<TFloat32> b = p.trainable(tf, name + "_b", Shape.of(out), new Zeros<>());
    return tf.nn.biasAdd(convNoBias(tf, p, name, x, in, out, k, stride), b);
  }

  /**
   * {@link #conv} without a bias, for a convolution followed by batch normalisation, whose shift
   * makes a bias redundant.
   */
  public static Operand<TFloat32> convNoBias(
      Ops tf, Parameters p, String name, Operand<TFloat32> x, int in, int out, int k, int stride) {
    Variable<TFloat32> w =
        p.trainable(tf, name + "_w", Shape.of(k, k, in, out), normal(p, name + "_w", 0));
    return Products.conv2d(tf, p, x, w, List.of(1L, (long) stride, (long) stride, 1L), "SAME");
  }

  /**
   * A fractionally-strided (transposed) {@code k × k} convolution with the given stride: {@code [N,
   * H, W, in] → [N, H·s, W·s, out]}.
   */
  public static Operand<TFloat32> deconv(
      Ops tf,
      Parameters p,
      String name,
      Operand<TFloat32> x,
      int in,
      int out,
      int outSize,
      int k,
      int stride) {
    Variable<TFloat32> b = p.trainable(tf, name + "_b", Shape.of(out), new Zeros<>());
    return tf.nn.biasAdd(deconvNoBias(tf, p, name, x, in, out, outSize, k, stride), b);
  }

  /** {@link #deconv} without a bias, for a layer followed by batch normalisation. */
  public static Operand<TFloat32> deconvNoBias(
      Ops tf,
      Parameters p,
      String name,
      Operand<TFloat32> x,
      int in,
      int out,
      int outSize,
      int k,
      int stride) {
    Variable<TFloat32> w =
        p.trainable(tf, name + "_w", Shape.of(k, k, out, in), normal(p, name + "_w", 0));
    Operand<TInt32> batch =
        tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TInt32> shape =
        tf.concat(List.of(batch, tf.constant(new int[] {outSize, outSize, out})), tf.constant(0));
    return Products.conv2dTranspose(
        tf, p, shape, w, x, List.of(1L, (long) stride, (long) stride, 1L), "SAME");
  }

  /**
   * A nearest-neighbour doubling then a 3 × 3 convolution, {@code [N, S, S, in] → [N, 2S, 2S,
   * out]}, with bias: the same function and weights ({@code name_w}, {@code [3, 3, in, out]}) as
   * {@link #resize} then {@link #conv}, computed as one 4 × 4 stride-2 transposed convolution whose
   * taps are sums of the 3 × 3 taps, so the doubled map is never made.
   */
  public static Operand<TFloat32> doubleThenConv(
      Ops tf, Parameters p, String name, Operand<TFloat32> x, int in, int out, int size) {
    Variable<TFloat32> b = p.trainable(tf, name + "_b", Shape.of(out), new Zeros<>());
    return tf.nn.biasAdd(doubleThenConvNoBias(tf, p, name, x, in, out, size), b);
  }

  /** {@link #doubleThenConv} without a bias, for a layer followed by batch normalisation. */
  public static Operand<TFloat32> doubleThenConvNoBias(
      Ops tf, Parameters p, String name, Operand<TFloat32> x, int in, int out, int size) {
    Variable<TFloat32> w =
        p.trainable(tf, name + "_w", Shape.of(3, 3, in, out), normal(p, name + "_w", 0));
    // In one dimension, output 2i reads x[i-1]·w0 + x[i]·(w1 + w2) and output 2i+1 reads
    // x[i]·(w0 + w1) + x[i+1]·w2; a transposed convolution (stride 2, SAME, pad 1) puts x[i] on
    // outputs 2i-1..2i+2 through taps 0..3, so its taps are [w2, w1 + w2, w0 + w1, w0].
    Operand<TFloat32> taps =
        tf.constant(new float[][] {{0, 0, 1}, {0, 1, 1}, {1, 1, 0}, {1, 0, 0}});
    long rest = (long) in * out;
    Operand<TFloat32> rows =
        tf.linalg.matMul(taps, tf.reshape(w, tf.constant(new long[] {3, 3 * rest})));
    Operand<TFloat32> swapped =
        tf.reshape(
            tf.linalg.transpose(
                tf.reshape(rows, tf.constant(new long[] {4, 3, rest})),
                tf.constant(new int[] {1, 0, 2})),
            tf.constant(new long[] {3, 4 * rest}));
    Operand<TFloat32> both =
        tf.reshape(tf.linalg.matMul(taps, swapped), tf.constant(new long[] {4, 4, in, out}));
    // [column tap, row tap, in, out] -> [row tap, column tap, out, in], as conv2dTranspose reads.
    Operand<TFloat32> kernel = tf.linalg.transpose(both, tf.constant(new int[] {1, 0, 3, 2}));
    Operand<TInt32> batch =
        tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TInt32> shape =
        tf.concat(List.of(batch, tf.constant(new int[] {2 * size, 2 * size, out})), tf.constant(0));
    return Products.conv2dTranspose(tf, p, shape, kernel, x, List.of(1L, 2L, 2L, 1L), "SAME");
  }

  /**
   * Doubles {@code [N, S, S, C]} to {@code [N, 2S, 2S, C]} by repeating or interpolating values
   * ({@link Upsampling#NEAREST}, {@link Upsampling#BILINEAR}); transposed convolutions are layers
   * of their own ({@link #deconv}).
   */
  public static Operand<TFloat32> resize(Ops tf, Operand<TFloat32> x, int size, Upsampling how) {
    Operand<TInt32> target = tf.constant(new int[] {2 * size, 2 * size});
    return switch (how) {
      case NEAREST -> tf.image.resizeNearestNeighbor(x, target);
      case BILINEAR ->
          tf.image.resizeBilinear(
              x, target, org.tensorflow.op.image.ResizeBilinear.halfPixelCenters(true));
      case TRANSPOSED ->
          throw new IllegalArgumentException(
              "a transposed convolution is a layer with weights: use deconv");
    };
  }

  /**
   * Batch normalisation over N, H and W of an NHWC tensor (fused). In {@link Mode#TRAIN} it uses
   * the batch's statistics and records the update of its moving averages in {@code p}; in {@link
   * Mode#INFERENCE} it uses the moving averages.
   */
  public static Operand<TFloat32> batchNorm(
      Ops tf, Parameters p, String name, Operand<TFloat32> x, int channels, Mode mode) {
    Variable<TFloat32> gamma =
        p.trainable(tf, name + "_gamma", Shape.of(channels), normal(p, name + "_gamma", 1.0));
    Variable<TFloat32> beta = p.trainable(tf, name + "_beta", Shape.of(channels), new Zeros<>());
    Variable<TFloat32> mean = p.state(tf, name + "_mean", Shape.of(channels), 0f);
    Variable<TFloat32> variance = p.state(tf, name + "_variance", Shape.of(channels), 1f);
    boolean training = mode == Mode.TRAIN;
    FusedBatchNorm<TFloat32, TFloat32> bn =
        tf.nn.fusedBatchNorm(
            x,
            gamma,
            beta,
            mean,
            variance,
            FusedBatchNorm.isTraining(training),
            FusedBatchNorm.epsilon(1e-5f),
            FusedBatchNorm.exponentialAvgFactor(training ? MOVING_AVERAGE_FACTOR : 1f));
    if (training) {
      // With an averaging factor, the op's mean and variance outputs are the updated moving
      // averages.
      p.recordUpdate(tf.assign(mean, bn.batchMean()));
      p.recordUpdate(tf.assign(variance, bn.batchVariance()));
    }
    return bn.y();
  }

  /**
   * Batch normalisation of {@code [B·groups, H, W, C]} (batch-major: sample {@code b}, position
   * {@code t} at row {@code b·groups + t}) with statistics per position {@code t}, each over the
   * batch: the (length, batch, ...) layout of a sentence model. Scale and shift are shared by all
   * positions; the moving averages are kept per position. With {@code groups = 1} it is {@link
   * #batchNorm}.
   */
  public static Operand<TFloat32> batchNorm(
      Ops tf, Parameters p, String name, Operand<TFloat32> x, int channels, Mode mode, int groups) {
    if (groups == 1) {
      return batchNorm(tf, p, name, x, channels, mode);
    }
    long h = x.shape().get(1);
    long w = x.shape().get(2);
    Variable<TFloat32> gamma =
        p.trainable(tf, name + "_gamma", Shape.of(channels), normal(p, name + "_gamma", 1.0));
    Variable<TFloat32> beta = p.trainable(tf, name + "_beta", Shape.of(channels), new Zeros<>());
    Variable<TFloat32> mean = p.state(tf, name + "_mean", Shape.of((long) groups * channels), 0f);
    Variable<TFloat32> variance =
        p.state(tf, name + "_variance", Shape.of((long) groups * channels), 1f);
    // [B·T, H, W, C] -> [B, H, W, T·C]: each (position, channel) becomes a channel of its own.
    Operand<TFloat32> y = tf.reshape(x, tf.constant(new long[] {-1, groups, h, w, channels}));
    y = tf.linalg.transpose(y, tf.constant(new int[] {0, 2, 3, 1, 4}));
    y = tf.reshape(y, tf.constant(new long[] {-1, h, w, (long) groups * channels}));
    boolean training = mode == Mode.TRAIN;
    FusedBatchNorm<TFloat32, TFloat32> bn =
        tf.nn.fusedBatchNorm(
            y,
            tf.tile(gamma, tf.constant(new int[] {groups})),
            tf.tile(beta, tf.constant(new int[] {groups})),
            mean,
            variance,
            FusedBatchNorm.isTraining(training),
            FusedBatchNorm.epsilon(1e-5f),
            FusedBatchNorm.exponentialAvgFactor(training ? MOVING_AVERAGE_FACTOR : 1f));
    if (training) {
      p.recordUpdate(tf.assign(mean, bn.batchMean()));
      p.recordUpdate(tf.assign(variance, bn.batchVariance()));
    }
    y = tf.reshape(bn.y(), tf.constant(new long[] {-1, h, w, groups, channels}));
    y = tf.linalg.transpose(y, tf.constant(new int[] {0, 3, 1, 2, 4}));
    return tf.reshape(y, tf.constant(new long[] {-1, h, w, channels}));
  }

  /** LeakyReLU with slope 0.2, as in the DCGAN discriminator. */
  public static Operand<TFloat32> leaky(Ops tf, Operand<TFloat32> x) {
    return tf.nn.leakyRelu(x, LeakyRelu.alpha(0.2f));
  }

  /** Flattens {@code [N, ...]} to {@code [N, size]}. */
  public static Operand<TFloat32> flatten(Ops tf, Operand<TFloat32> x, long size) {
    return tf.reshape(x, tf.constant(new long[] {-1, size}));
  }

  /** The number of 2× up- or down-sampling layers between 4 × 4 and {@code imageSize}. */
  public static int stages(int imageSize) {
    int n = Integer.numberOfTrailingZeros(imageSize) - 2;
    if (Integer.bitCount(imageSize) != 1 || n < 1) {
      throw new IllegalArgumentException(
          "image size must be a power of two of at least 8, was " + imageSize);
    }
    return n;
  }
}
