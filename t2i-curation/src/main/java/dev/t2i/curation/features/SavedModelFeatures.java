package dev.t2i.curation.features;

import dev.t2i.api.FeatureExtractor;
import dev.t2i.datasets.pipeline.Images;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * {@code savedmodel}: features from any TensorFlow SavedModel, such as a Keras VGG16 export and its
 * {@code fc2} layer, as the report used. Loaded on first use; images are centre-cropped, resized
 * and scaled as {@link SavedModelFeaturesSettings#preprocessing()} says.
 */
public final class SavedModelFeatures implements FeatureExtractor {
  private final SavedModelFeaturesSettings settings;
  private SavedModelBundle bundle;
  private String inputTensor;
  private String outputTensor;
  private int dimension = -1;

  @Inject
  public SavedModelFeatures(SavedModelFeaturesSettings settings) {
    this.settings = settings;
  }

  private synchronized SavedModelBundle bundle() {
    if (bundle != null) {
      return bundle;
    }
    Path dir = settings.path();
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new IllegalArgumentException(
          "features.path: "
              + dir
              + " has no saved_model.pb; it must be a TensorFlow "
              + "SavedModel directory (for Keras: model.export(dir) or tf.saved_model.save(model, dir))");
    }
    SavedModelBundle b;
    try {
      b = SavedModelBundle.load(dir.toString(), settings.tags().toArray(String[]::new));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "features.path: cannot load "
              + dir
              + " with tags "
              + settings.tags()
              + ": "
              + firstLine(e.getMessage()),
          e);
    }
    try {
      Signature signature =
          b.signatures().stream()
              .filter(s -> s.key().equals(settings.signature()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "features.signature: "
                              + dir
                              + " has no signature '"
                              + settings.signature()
                              + "'; it has "
                              + b.signatures().stream().map(Signature::key).toList()));
      inputTensor = resolve(b, signature, signature.getInputs(), settings.input(), "input");
      signature.getInputs().values().stream()
          .filter(t -> t.name.equals(inputTensor))
          .findFirst()
          .ifPresent(t -> checkImageShape(t.shape));
      outputTensor = resolve(b, signature, signature.getOutputs(), settings.output(), "output");
    } catch (RuntimeException e) {
      b.close();
      throw e;
    }
    bundle = b;
    return b;
  }

  private static String resolve(
      SavedModelBundle b,
      Signature signature,
      Map<String, Signature.TensorDescription> keys,
      String name,
      String what) {
    if (name == null) {
      if (keys.size() == 1) {
        return keys.values().iterator().next().name;
      }
      throw new IllegalArgumentException(
          "features."
              + what
              + ": signature '"
              + signature.key()
              + "' has "
              + what
              + "s "
              + new java.util.TreeSet<>(keys.keySet())
              + "; name one");
    }
    if (keys.containsKey(name)) {
      return keys.get(name).name;
    }
    String op = name.contains(":") ? name.substring(0, name.lastIndexOf(':')) : name;
    if (b.graph().operation(op) != null) {
      return name;
    }
    throw new IllegalArgumentException(
        "features."
            + what
            + ": '"
            + name
            + "' is neither an "
            + what
            + " of signature '"
            + signature.key()
            + "' "
            + new java.util.TreeSet<>(keys.keySet())
            + " nor a tensor of the graph (such as fc2/Relu:0)");
  }

  /** Refuses an image size or layout the model's input cannot take. */
  private void checkImageShape(Shape shape) {
    if (shape.isUnknown()) {
      return;
    }
    long[] dims = shape.asArray();
    boolean images = dims.length == 4 && (dims[3] < 0 || dims[3] == 3);
    if (!images) {
      throw new IllegalArgumentException(
          "features.input: "
              + inputTensor
              + " has shape "
              + shape
              + "; expected a batch of RGB images (-1, height, width, 3)");
    }
    if ((dims[1] >= 0 && dims[1] != settings.size())
        || (dims[2] >= 0 && dims[2] != settings.size())) {
      throw new IllegalArgumentException(
          "features.size: "
              + settings.size()
              + ", but the model's input "
              + inputTensor
              + " takes "
              + dims[1]
              + "x"
              + dims[2]
              + " images; set size: "
              + dims[1]);
    }
  }

  @Override
  public synchronized int dimension() {
    if (dimension < 0) {
      BufferedImage black =
          new BufferedImage(settings.size(), settings.size(), BufferedImage.TYPE_INT_RGB);
      dimension = extract(List.of(black))[0].length;
    }
    return dimension;
  }

  @Override
  public int batchSize() {
    return settings.batch();
  }

  @Override
  public synchronized float[][] extract(List<BufferedImage> images) {
    SavedModelBundle b = bundle();
    int size = settings.size();
    int floats = size * size * 3;
    float[] batch = new float[images.size() * floats];
    for (int i = 0; i < images.size(); i++) {
      float[] px = Images.pixels(images.get(i), size);
      settings.preprocessing().apply(px);
      System.arraycopy(px, 0, batch, i * floats, floats);
    }
    try (TFloat32 x =
            TFloat32.tensorOf(
                Shape.of(images.size(), size, size, 3), DataBuffers.of(batch, true, false));
        Result r = b.session().runner().feed(inputTensor, x).fetch(outputTensor).run()) {
      Tensor out = r.get(0);
      if (!(out instanceof TFloat32 f)) {
        throw new IllegalArgumentException(
            "features.output: "
                + settings.output()
                + " is "
                + out.dataType()
                + "; features must be float32");
      }
      if (f.shape().numDimensions() < 1 || f.shape().size(0) != images.size()) {
        throw new IllegalArgumentException(
            "features.output: "
                + settings.output()
                + " has shape "
                + f.shape()
                + "; expected one row per image ("
                + images.size()
                + ", ...)");
      }
      int d = (int) (f.size() / images.size());
      float[] all = new float[(int) f.size()];
      f.copyTo(DataBuffers.of(all, false, false));
      float[][] rows = new float[images.size()][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = java.util.Arrays.copyOfRange(all, i * d, (i + 1) * d);
      }
      return rows;
    } catch (org.tensorflow.exceptions.TensorFlowException e) {
      throw new IllegalArgumentException(
          "features: "
              + settings.path()
              + " cannot run on "
              + size
              + "x"
              + size
              + " RGB images through "
              + inputTensor
              + ": "
              + firstLine(e.getMessage())
              + " (check features.size and features.input)",
          e);
    }
  }

  @Override
  public String describe() {
    return "SavedModel "
        + settings.path()
        + " ["
        + settings.signature()
        + "] "
        + settings.output()
        + ", "
        + settings.size()
        + "x"
        + settings.size()
        + ", "
        + settings.preprocessing().id()
        + " preprocessing";
  }

  @Override
  public synchronized void close() {
    if (bundle != null) {
      bundle.close();
      bundle = null;
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
