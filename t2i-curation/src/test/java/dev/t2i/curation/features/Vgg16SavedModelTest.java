package dev.t2i.curation.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.Progress;
import dev.t2i.curation.ClusterConfig;
import dev.t2i.curation.Clustering;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * {@code t2i cluster} through a network of VGG16's architecture (13 3×3 convolutions in 5 blocks,
 * each block ending in a 2×2 max-pool, then fc1, fc2 and a softmax), with seeded random weights at
 * a sixteenth of the widths and 32×32 inputs, exported as a SavedModel twice: with Keras 2's
 * signature names ({@code input_1} → {@code fc2}) and with Keras 3's ({@code inputs} → {@code
 * output_0}, in {@code serve} and {@code serving_default}). Both exports must give the same
 * clusters.
 */
class Vgg16SavedModelTest {
  static final int[] BLOCKS = {2, 2, 3, 3, 3};
  static final int[] WIDTHS = {4, 8, 16, 32, 32};
  static final int FC = 256;
  @TempDir static Path dir;

  @BeforeAll
  static void export() {
    exportVgg16(dir.resolve("keras2"), List.of("serving_default"), "input_1", "fc2");
    exportVgg16(dir.resolve("keras3"), List.of("serve", "serving_default"), "inputs", "output_0");
  }

  static void exportVgg16(Path where, List<String> signatures, String input, String output) {
    SplittableRandom random = new SplittableRandom(16);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> images =
          tf.withName("images")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 32, 32, 3)));
      Operand<TFloat32> x = images;
      int channels = 3;
      for (int b = 0; b < BLOCKS.length; b++) {
        for (int c = 0; c < BLOCKS[b]; c++) {
          Operand<TFloat32> kernel = weights(tf, random, 3, 3, channels, WIDTHS[b]);
          x =
              tf.nn.relu(
                  tf.nn.biasAdd(
                      tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "SAME"),
                      weights(tf, random, WIDTHS[b])));
          channels = WIDTHS[b];
        }
        x =
            tf.nn.maxPool(
                x,
                tf.constant(new int[] {1, 2, 2, 1}),
                tf.constant(new int[] {1, 2, 2, 1}),
                "VALID");
      }
      // 32 / 2^5 = 1: the flattened map has as many values as the last block has channels.
      Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, channels}));
      Operand<TFloat32> fc1 = dense(tf, random, flat, channels, FC);
      // Keras 2 names the op after the layer; Keras 3's graph does not keep the name.
      Operand<TFloat32> fc2 =
          tf.withName(output.equals("fc2") ? "fc2" : "dense_1")
              .identity(dense(tf, random, fc1, FC, FC));
      Operand<TFloat32> predictions =
          tf.nn.softmax(tf.linalg.matMul(fc2, weights(tf, random, FC, 10)));
      try (Session s = new Session(g)) {
        SavedModelBundle.Exporter exporter =
            SavedModelBundle.exporter(where.toString()).withSession(s);
        for (String key : signatures) {
          exporter.withSignature(
              Signature.builder()
                  .key(key)
                  .input(input, images)
                  .output(output, fc2)
                  .output(output.equals("fc2") ? "predictions" : "output_1", predictions)
                  .build());
        }
        exporter.export();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Operand<TFloat32> dense(
      Ops tf, SplittableRandom random, Operand<TFloat32> x, int in, int out) {
    return tf.nn.relu(
        tf.nn.biasAdd(tf.linalg.matMul(x, weights(tf, random, in, out)), weights(tf, random, out)));
  }

  /** He-initialised seeded weights, baked into the graph as constants. */
  private static Operand<TFloat32> weights(Ops tf, SplittableRandom random, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    int fanIn = shape.length == 1 ? 1 : n / shape[shape.length - 1];
    float scale = shape.length == 1 ? 0.01f : (float) Math.sqrt(2.0 / fanIn);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextGaussian() * scale);
    }
    long[] dims = new long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      dims[i] = shape[i];
    }
    return tf.constant(Shape.of(dims), DataBuffers.of(v, true, false));
  }

  private static List<String> cluster(Path model, String output, Path out) throws Exception {
    PluginRegistry registry = PluginRegistry.discover();
    String yaml =
        "name: vgg16\nseed: 3\noutput: "
            + out
            + "\ndataset: {type: synthetic-flowers, train: 120, test: 30, validation: 0, imageSize: 32}\n"
            + "features: {type: savedmodel, path: "
            + model
            + ", output: "
            + output
            + ", size: 32, preprocessing: caffe}\n"
            + "pca: {components: 8}\nmixture: {components: 3, covariance: diagonal}\n";
    Clustering.Outcome o =
        new Clustering(registry, Progress.Factory.SILENT)
            .run(new ConfigLoader(registry).read(yaml, "vgg16.yaml", ClusterConfig.class));
    assertThat(o.labels()).hasSize(150);
    return Files.readAllLines(out.resolve("clusters.csv"));
  }

  @Test
  void clustersThroughBothKerasNamings() throws Exception {
    List<String> keras2 = cluster(dir.resolve("keras2"), "fc2", dir.resolve("run2"));
    List<String> keras3 = cluster(dir.resolve("keras3"), "output_0", dir.resolve("run3"));
    assertThat(keras2).hasSize(151).isEqualTo(keras3);
    // The features vary between images: more than one cluster is used.
    List<String> clusters = new ArrayList<>();
    keras2.stream().skip(1).forEach(l -> clusters.add(l.split(",")[3]));
    assertThat(clusters.stream().distinct().count()).isGreaterThan(1);
    try (SavedModelFeatures f =
        new SavedModelFeatures(
            new SavedModelFeaturesSettings(
                dir.resolve("keras3"), null, null, null, "fc2", 32, null, null))) {
      // A Keras 2 name on a Keras 3 export: the error lists what the signature has.
      assertThatThrownBy(f::dimension)
          .hasMessage(
              "features.output: 'fc2' is neither an output of signature 'serving_default' "
                  + "[output_0, output_1] nor a tensor of the graph (such as fc2/Relu:0)");
    }
  }
}
