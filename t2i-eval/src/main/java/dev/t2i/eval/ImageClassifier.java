package dev.t2i.eval;

import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import dev.t2i.models.layers.Layers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * A small CNN with one softmax head per label: four strided convolutions (32, 64, 128, 256
 * channels, batch normalisation and LeakyReLU), a 256-unit feature layer, and the heads. Its 256-d
 * features serve the distribution metrics.
 *
 * <p>Trained with Adam from a seed, saved to and restored from a directory, so an evaluation trains
 * it once per data set.
 */
public final class ImageClassifier implements AutoCloseable {
  /** A label head: its name and number of classes. */
  public record Head(String name, int classes) {}

  /** Width of the feature layer. */
  public static final int FEATURES = 256;

  private final List<Head> heads;
  private final int size;
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> images;
  private final List<Placeholder<TInt32>> labels = new ArrayList<>();
  private final Operand<TFloat32> features;
  private final List<Operand<TFloat32>> logits = new ArrayList<>();
  private final Op trainStep;
  private final Operand<TFloat32> loss;

  public ImageClassifier(List<Head> heads, int size, long seed) {
    this.heads = List.copyOf(heads);
    this.size = size;
    Ops tf = Ops.create(graph);
    images =
        tf.withName("images")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 3)));
    Parameters p = Parameters.create(seed).scope("C");
    Operand<TFloat32> trainLogitsFeatures = build(tf, p, Mode.TRAIN);
    List<Operand<TFloat32>> trainLogits = new ArrayList<>();
    for (Head h : heads) {
      trainLogits.add(
          Layers.dense(tf, p, "head_" + h.name(), trainLogitsFeatures, FEATURES, h.classes()));
    }
    List<Op> updates = List.copyOf(p.updates());
    Operand<TFloat32> inferFeatures = build(tf, p, Mode.INFERENCE);
    for (Head h : heads) {
      logits.add(Layers.dense(tf, p, "head_" + h.name(), inferFeatures, FEATURES, h.classes()));
    }
    features = inferFeatures;
    List<Operand<TFloat32>> losses = new ArrayList<>();
    for (int i = 0; i < heads.size(); i++) {
      Placeholder<TInt32> y =
          tf.withName("labels_" + heads.get(i).name())
              .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      labels.add(y);
      // -Σ onehot(y) · log softmax(logits): TensorFlow has no C++ gradient for the fused sparse op.
      Operand<TFloat32> oneHot =
          tf.oneHot(y, tf.constant(heads.get(i).classes()), tf.constant(1f), tf.constant(0f));
      Operand<TFloat32> logProbabilities = tf.nn.logSoftmax(trainLogits.get(i));
      losses.add(
          tf.math.neg(
              tf.math.mean(
                  tf.reduceSum(tf.math.mul(oneHot, logProbabilities), tf.constant(1)),
                  tf.constant(0))));
    }
    loss = losses.size() == 1 ? losses.get(0) : tf.math.addN(losses);
    List<Variable<TFloat32>> vars = p.trainableVariables();
    Output<?>[] xs = vars.stream().map(Variable::asOutput).toArray(Output[]::new);
    Output<?>[] grads = graph.addGradients(loss.asOutput(), xs);
    List<Optimizer.GradAndVar<? extends TType>> pairs = new ArrayList<>();
    for (int i = 0; i < xs.length; i++) {
      @SuppressWarnings({"unchecked", "rawtypes"})
      Optimizer.GradAndVar<? extends TType> pair = new Optimizer.GradAndVar(grads[i], xs[i]);
      pairs.add(pair);
    }
    Op apply =
        new Adam(graph, "C_Adam", 1e-3f, 0.9f, 0.999f, 1e-8f).applyGradients(pairs, "C_train");
    List<Op> all = new ArrayList<>(updates);
    all.add(apply);
    trainStep = tf.withControlDependencies(all).noOp();
    // The trainer's session options: Grappler's remapper fails on this graph's gradients and logs
    // an error.
    session =
        new Session(
            graph,
            dev.t2i.training.Trainer.sessionConfig(Runtime.getRuntime().availableProcessors()));
  }

  private Operand<TFloat32> build(Ops tf, Parameters p, Mode mode) {
    int[] channels = {32, 64, 128, 256};
    Operand<TFloat32> h =
        Layers.leaky(tf, Layers.conv(tf, p, "conv1", images, 3, channels[0], 4, 2));
    int s = size / 2;
    for (int i = 1; i < channels.length; i++) {
      h = Layers.convNoBias(tf, p, "conv" + (i + 1), h, channels[i - 1], channels[i], 4, 2);
      h = Layers.leaky(tf, Layers.batchNorm(tf, p, "conv" + (i + 1) + "_bn", h, channels[i], mode));
      s /= 2;
    }
    long flat = (long) s * s * channels[3];
    return Layers.leaky(
        tf, Layers.dense(tf, p, "features", Layers.flatten(tf, h, flat), (int) flat, FEATURES));
  }

  public List<Head> heads() {
    return heads;
  }

  public int imageSize() {
    return size;
  }

  /** Fresh weights. */
  public void initialize() {
    session.initialize();
  }

  /**
   * One training step on {@code n} NHWC images with one label per head.
   *
   * @return the summed cross-entropy
   */
  public float train(float[] nhwc, int n, int[][] y) {
    List<TType> owned = new ArrayList<>();
    try {
      TFloat32 x = TFloat32.tensorOf(Shape.of(n, size, size, 3), DataBuffers.of(nhwc));
      owned.add(x);
      Session.Runner r = session.runner().feed(images, x).addTarget(trainStep).fetch(loss);
      for (int i = 0; i < heads.size(); i++) {
        TInt32 t = TInt32.tensorOf(Shape.of(n), DataBuffers.of(y[i]));
        owned.add(t);
        r.feed(labels.get(i), t);
      }
      try (Result res = r.run()) {
        return ((TFloat32) res.get(0)).getFloat();
      }
    } finally {
      owned.forEach(TType::close);
    }
  }

  /** Predictions per head, and the features, of {@code n} NHWC images, in batches. */
  public Predictions run(IntFunction<float[]> batchImages, int n, int batch) {
    int[][] predicted = new int[heads.size()][n];
    float[][][] probabilities = new float[heads.size()][n][];
    float[][] feats = new float[n][];
    for (int start = 0; start < n; start += batch) {
      int m = Math.min(batch, n - start);
      try (TFloat32 x =
          TFloat32.tensorOf(Shape.of(m, size, size, 3), DataBuffers.of(batchImages.apply(start)))) {
        Session.Runner r = session.runner().feed(images, x).fetch(features);
        logits.forEach(r::fetch);
        try (Result res = r.run()) {
          float[] f = values((TFloat32) res.get(0));
          for (int i = 0; i < m; i++) {
            feats[start + i] = java.util.Arrays.copyOfRange(f, i * FEATURES, (i + 1) * FEATURES);
          }
          for (int h = 0; h < heads.size(); h++) {
            float[] l = values((TFloat32) res.get(h + 1));
            int k = heads.get(h).classes();
            for (int i = 0; i < m; i++) {
              float[] row = softmax(java.util.Arrays.copyOfRange(l, i * k, (i + 1) * k));
              probabilities[h][start + i] = row;
              predicted[h][start + i] = argmax(row);
            }
          }
        }
      }
    }
    return new Predictions(predicted, probabilities, feats);
  }

  /**
   * What the classifier says about a set of images.
   *
   * @param predicted per head, per image, the most likely class
   * @param probabilities per head, per image, the class probabilities
   * @param features per image, the 256-d features
   */
  public record Predictions(int[][] predicted, float[][][] probabilities, float[][] features) {}

  private static float[] values(TFloat32 t) {
    float[] v = new float[(int) t.size()];
    t.copyTo(DataBuffers.of(v, false, false));
    return v;
  }

  private static float[] softmax(float[] x) {
    float max = Float.NEGATIVE_INFINITY;
    for (float v : x) {
      max = Math.max(max, v);
    }
    double sum = 0;
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) Math.exp(x[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < x.length; i++) {
      out[i] /= sum;
    }
    return out;
  }

  static int argmax(float[] x) {
    int best = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i] > x[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Saves the weights under {@code directory}. */
  public void save(Path directory) throws IOException {
    Files.createDirectories(directory);
    session.save(directory.resolve("variables").toString());
  }

  /** Restores weights saved by {@link #save}. */
  public void restore(Path directory) {
    session.restore(directory.resolve("variables").toString());
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
