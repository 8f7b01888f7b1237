package dev.t2i.curation.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** A real SavedModel, written by TensorFlow here, read back as a feature extractor. */
class SavedModelFeaturesTest {
  @TempDir static Path dir;
  static Path model;

  /** images [n, 8, 8, 3] → pool = mean colour [n, 3], fc2 = [2·pool, pool₀ + 1] [n, 4]. */
  @BeforeAll
  static void export() throws Exception {
    model = dir.resolve("model");
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> images =
          tf.withName("images")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 8, 8, 3)));
      Operand<TFloat32> pool = tf.withName("pool").math.mean(images, tf.constant(new int[] {1, 2}));
      Operand<TFloat32> first =
          tf.slice(pool, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, 1}));
      Operand<TFloat32> fc2 =
          tf.withName("fc2")
              .concat(
                  List.of(tf.math.mul(pool, tf.constant(2f)), tf.math.add(first, tf.constant(1f))),
                  tf.constant(1));
      try (Session s = new Session(g)) {
        SavedModelBundle.exporter(model.toString())
            .withSession(s)
            .withSignature(
                Signature.builder()
                    .key("serving_default")
                    .input("input_1", images)
                    .output("fc2", fc2)
                    .output("pool", pool)
                    .build())
            .export();
      }
    }
  }

  private static BufferedImage solid(Color c) {
    BufferedImage im = new BufferedImage(20, 12, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = im.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, 20, 12);
    g.dispose();
    return im;
  }

  private static SavedModelFeaturesSettings settings(String output, Preprocessing p) {
    return new SavedModelFeaturesSettings(model, null, null, null, output, 8, p, 2);
  }

  @Test
  void readsASignatureOutputWithEachPreprocessing() {
    List<BufferedImage> images =
        List.of(solid(new Color(255, 0, 51)), solid(new Color(0, 102, 255)), solid(Color.BLACK));
    try (SavedModelFeatures f = new SavedModelFeatures(settings("fc2", Preprocessing.RAW))) {
      assertThat(f.dimension()).isEqualTo(4);
      float[][] rows = f.extract(images);
      assertThat(rows).hasDimensions(3, 4);
      assertThat(rows[0]).containsExactly(new float[] {510, 0, 102, 256}, within(1e-2f));
      assertThat(rows[1]).containsExactly(new float[] {0, 204, 510, 1}, within(1e-2f));
      assertThat(f.batchSize()).isEqualTo(2);
    }
    try (SavedModelFeatures f = new SavedModelFeatures(settings("pool", Preprocessing.CAFFE))) {
      // BGR minus the ImageNet means.
      assertThat(f.extract(images)[0])
          .containsExactly(new float[] {51 - 103.939f, -116.779f, 255 - 123.68f}, within(1e-2f));
    }
    try (SavedModelFeatures f = new SavedModelFeatures(settings("pool:0", Preprocessing.UNIT))) {
      assertThat(f.extract(images)[1]).containsExactly(new float[] {0, 0.4f, 1}, within(1e-4f));
    }
    try (SavedModelFeatures f = new SavedModelFeatures(settings("pool", Preprocessing.SYMMETRIC))) {
      assertThat(f.extract(images)[2]).containsExactly(new float[] {-1, -1, -1}, within(1e-4f));
      assertThat(f.describe())
          .isEqualTo(
              "SavedModel " + model + " [serving_default] pool, 8x8, symmetric preprocessing");
    }
  }

  @Test
  void badSettingsNameWhatIsThere() {
    try (SavedModelFeatures f = new SavedModelFeatures(settings("fc7", Preprocessing.RAW))) {
      assertThatThrownBy(f::dimension)
          .hasMessage(
              "features.output: 'fc7' is neither an output of signature 'serving_default' "
                  + "[fc2, pool] nor a tensor of the graph (such as fc2/Relu:0)");
    }
    try (SavedModelFeatures f =
        new SavedModelFeatures(
            new SavedModelFeaturesSettings(model, null, "predict", null, "fc2", 8, null, null))) {
      assertThatThrownBy(f::dimension)
          .hasMessage(
              "features.signature: "
                  + model
                  + " has no signature 'predict'; it has [serving_default]");
    }
    try (SavedModelFeatures f =
        new SavedModelFeatures(
            new SavedModelFeaturesSettings(dir, null, null, null, "fc2", 8, null, null))) {
      assertThatThrownBy(f::dimension)
          .hasMessageStartingWith("features.path: " + dir + " has no saved_model.pb");
    }
    try (SavedModelFeatures f =
        new SavedModelFeatures(
            new SavedModelFeaturesSettings(
                model, null, null, null, "fc2", 16, Preprocessing.RAW, 2))) {
      assertThatThrownBy(f::dimension)
          .hasMessageStartingWith("features.size: 16, but the model's input ")
          .hasMessageEndingWith(" takes 8x8 images; set size: 8");
    }
  }
}
