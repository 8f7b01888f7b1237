package dev.t2i.training.generate;

import dev.t2i.api.EncodedText;
import dev.t2i.api.Generator;
import dev.t2i.api.GeneratorOutput;
import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import dev.t2i.api.TextShape;
import dev.t2i.api.train.Checkpoint;
import dev.t2i.runtime.ConfigException;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.Experiment;
import dev.t2i.training.ExperimentConfig;
import dev.t2i.training.GeneratorAverage;
import dev.t2i.training.GeneratorPlaceholders;
import dev.t2i.training.GeneratorTensors;
import dev.t2i.training.NoiseSource;
import dev.t2i.training.checkpoint.DirectoryCheckpointStore;
import dev.t2i.training.output.ImageGrid;
import dev.t2i.training.output.RunDirectory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A trained run, ready to turn sentences into images.
 *
 * <pre>{@code
 * try (TextToImage t2i = TextToImage.pretrained("oxford102-flowers")) {
 *   BufferedImage image = t2i.generate("this flower has pink petals and a yellow center");
 * }
 * }</pre>
 *
 * <p>{@link ModelCriteria} says what to load: a run's checkpoint of some step or a shipped model,
 * trained or initial weights, with which plugins; the two static methods here are its shortest
 * forms.
 *
 * <p>It rebuilds the generator from the run's {@code config.yaml} in inference mode (batch
 * normalisation with its moving averages), restores the newest checkpoint (or the one asked for),
 * and encodes text with the vectors the run saved: it reads no data set and trains nothing. A run
 * trained with {@code training.generatorAverage} draws with the averaged weights.
 */
public final class TextToImage implements AutoCloseable {
  private final Experiment experiment;
  private final Graph graph;
  private final Session session;
  private final GeneratorPlaceholders inputs;
  private final Operand<TFloat32> images;
  private final Operand<TFloat32> steps;
  private final Checkpoint checkpoint;
  private Runnable onClose = () -> {};

  private TextToImage(Experiment experiment, Checkpoint checkpoint, boolean untrained)
      throws IOException {
    this.experiment = experiment;
    this.checkpoint = checkpoint;
    Generator generator = experiment.generator();
    TextShape shape = generator.textShape();
    graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      inputs = GeneratorPlaceholders.create(tf, "", shape, generator.noiseDimension());
      Parameters params =
          Parameters.create(experiment.config().seed())
              .scope(GeneratorAverage.inferenceScope(experiment.config().training()));
      GeneratorOutput out = generator.generate(tf, params, inputs.input(), Mode.INFERENCE);
      images = tf.withName("images").identity(out.images());
      steps = out.steps();
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
    Session opened = new Session(graph);
    try {
      if (untrained) {
        opened.initialize();
      } else {
        opened.restore(checkpoint.variables().toString());
      }
    } catch (RuntimeException e) {
      // The session first: closing a graph waits for the sessions that use it.
      opened.close();
      graph.close();
      if (untrained) {
        throw e;
      }
      throw new IOException(
          "could not restore the checkpoint "
              + checkpoint.directory()
              + " ("
              + e.getMessage()
              + "): its variable files are damaged or from another configuration; delete it to use an older one",
          e);
    }
    session = opened;
  }

  /**
   * The model shipped as {@code name} on the class path: {@code
   * ModelCriteria.pretrained(name).load()}.
   */
  public static TextToImage pretrained(String name) throws IOException, ConfigException {
    return ModelCriteria.pretrained(name).load();
  }

  /**
   * The newest checkpoint of the run in {@code runDirectory}: {@code
   * ModelCriteria.run(runDirectory).load()}.
   */
  public static TextToImage load(Path runDirectory) throws IOException, ConfigException {
    return ModelCriteria.run(runDirectory).load();
  }

  /** Opens what {@code criteria} describe. */
  static TextToImage open(ModelCriteria criteria) throws IOException, ConfigException {
    if (criteria.source() instanceof ModelCriteria.Source.Run run) {
      return open(run.directory(), criteria);
    }
    ModelCriteria.Source.Pretrained shipped = (ModelCriteria.Source.Pretrained) criteria.source();
    Path dir = Files.createTempDirectory("t2i-pretrained-");
    try {
      Path model = dir.resolve(shipped.name());
      shipped.catalogue().extract(shipped.name(), model);
      TextToImage t = open(model, criteria);
      t.onClose = () -> deleteTree(dir);
      return t;
    } catch (IOException | ConfigException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  private static void deleteTree(Path dir) {
    try {
      RunDirectory.deleteTree(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("could not delete the extracted model in " + dir, e);
    }
  }

  private static TextToImage open(Path runDirectory, ModelCriteria criteria)
      throws IOException, ConfigException {
    RunDirectory run = RunDirectory.existing(runDirectory);
    PluginRegistry plugins = criteria.registry();
    ExperimentConfig config =
        new ConfigLoader(plugins)
            .read(run.config(), ExperimentConfig.class)
            .withOutput(runDirectory);
    List<Checkpoint> kept =
        new DirectoryCheckpointStore(run.checkpoints(), Integer.MAX_VALUE).list();
    if (kept.isEmpty()) {
      throw new IOException(runDirectory + " has no checkpoint yet (checkpoints/ is empty)");
    }
    long step = criteria.step();
    Checkpoint chosen =
        step <= 0
            ? kept.get(kept.size() - 1)
            : kept.stream()
                .filter(c -> c.step() == step)
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            runDirectory
                                + " kept no checkpoint of step "
                                + step
                                + "; it has steps "
                                + kept.stream()
                                    .map(c -> Long.toString(c.step()))
                                    .collect(Collectors.joining(", "))));
    return new TextToImage(
        Experiment.assemble(config, plugins, true),
        chosen,
        criteria.weights() == ModelCriteria.Weights.INITIAL);
  }

  /**
   * How the model's encoder reads {@code caption} (its tokens and the words it has no vector for),
   * or empty for a model without text.
   */
  public java.util.Optional<EncodedText> encoding(String caption) {
    return inputs.text() == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(experiment.encoder().orElseThrow().encode(caption));
  }

  /** The training step of the loaded checkpoint. */
  public long step() {
    return checkpoint.step();
  }

  public int imageSize() {
    return experiment.generator().imageSize();
  }

  /** Whether the model makes one image per word (a sentence model). */
  public boolean hasSteps() {
    return steps != null;
  }

  /** One image for {@code caption}, with the noise of seed 0. */
  public BufferedImage generate(String caption) {
    return generate(caption, 1, 0).get(0);
  }

  /**
   * Images for many captions at once, as NHWC floats in {@code [-1, 1]}: caption {@code i} with the
   * noise of row {@code i} drawn from {@code seed}.
   */
  public float[] generateBatch(List<String> captions, long seed) {
    int n = captions.size();
    TextShape shape = experiment.generator().textShape();
    float[][] texts = new float[n][];
    float[] masks = inputs.mask() == null ? null : new float[n * shape.steps()];
    for (int i = 0; i < n; i++) {
      EncodedText e =
          inputs.text() == null ? null : experiment.encoder().orElseThrow().encode(captions.get(i));
      texts[i] = e == null ? new float[0] : e.values();
      if (masks != null) {
        System.arraycopy(e.mask(), 0, masks, i * shape.steps(), shape.steps());
      }
    }
    return runRaw(images, texts, masks, noise(n, seed));
  }

  /** {@code n} images for {@code caption}, each with its own noise drawn from {@code seed}. */
  public List<BufferedImage> generate(String caption, int n, long seed) {
    float[] encoded = encode(caption);
    float[][] texts = new float[n][];
    java.util.Arrays.fill(texts, encoded);
    return run(images, texts, encodedMask(caption, n), noise(n, seed), n);
  }

  /**
   * GAN-INT: {@code count} images whose text moves linearly from {@code from} to {@code to}, all
   * with the same noise, so that only the sentence changes along the strip.
   */
  public List<BufferedImage> interpolate(String from, String to, int count, long seed) {
    if (inputs.text() == null) {
      throw new IllegalStateException("this model reads no text");
    }
    float[] a = encode(from);
    float[] b = encode(to);
    float[][] texts = new float[count][];
    for (int i = 0; i < count; i++) {
      float t = count == 1 ? 0 : i / (float) (count - 1);
      texts[i] = new float[a.length];
      for (int k = 0; k < a.length; k++) {
        texts[i][k] = (1 - t) * a[k] + t * b[k];
      }
    }
    float[] single = noise(1, seed);
    float[] z = single == null ? null : new float[single.length * count];
    for (int i = 0; z != null && i < count; i++) {
      System.arraycopy(single, 0, z, i * single.length, single.length);
    }
    float[] m =
        inputs.mask() == null ? null : maxMask(encodedMask(from, 1), encodedMask(to, 1), count);
    return run(images, texts, m, z, count);
  }

  /** The image after each real word of {@code caption} (a sentence model), with those words. */
  public PerWord perWord(String caption, long seed) {
    if (steps == null) {
      throw new IllegalStateException(
          "this model makes one image per caption, not one per word: per-word views need the convlstm generator");
    }
    EncodedText e = experiment.encoder().orElseThrow().encode(caption);
    TextShape shape = experiment.generator().textShape();
    List<BufferedImage> all =
        run(steps, new float[][] {e.values()}, e.mask(), noise(1, seed), shape.steps());
    List<String> words = dev.t2i.api.text.Tokenizer.tokenize(caption);
    int n = Math.min(e.length(), all.size());
    return new PerWord(words.subList(0, Math.min(n, words.size())), all.subList(0, n));
  }

  /** The images after each word, and the words. */
  public record PerWord(List<String> words, List<BufferedImage> images) {}

  private float[] encode(String caption) {
    if (inputs.text() == null) {
      return new float[0];
    }
    return experiment.encoder().orElseThrow().encode(caption).values();
  }

  private float[] encodedMask(String caption, int n) {
    if (inputs.mask() == null) {
      return null;
    }
    float[] m = experiment.encoder().orElseThrow().encode(caption).mask();
    float[] out = new float[m.length * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m, 0, out, i * m.length, m.length);
    }
    return out;
  }

  private static float[] maxMask(float[] a, float[] b, int n) {
    float[] out = new float[a.length * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < a.length; k++) {
        out[i * a.length + k] = Math.max(a[k], b[k]);
      }
    }
    return out;
  }

  private float[] noise(int n, long seed) {
    int z = experiment.generator().noiseDimension();
    return z == 0 ? null : new NoiseSource(seed, z).values(0, 0, n);
  }

  /** Runs {@code output} and converts its first {@code count} images. */
  private List<BufferedImage> run(
      Operand<TFloat32> output, float[][] texts, float[] m, float[] z, int count) {
    float[] v = runRaw(output, texts, m, z);
    int size = imageSize();
    List<BufferedImage> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(ImageGrid.toImage(v, i, size));
    }
    return list;
  }

  /** Runs {@code output} on the given rows and returns its values. */
  private float[] runRaw(Operand<TFloat32> output, float[][] texts, float[] m, float[] z) {
    int rows = texts.length;
    TextShape shape = inputs.text() == null ? null : experiment.generator().textShape();
    float[] flat = null;
    if (shape != null) {
      flat = new float[rows * shape.size()];
      for (int i = 0; i < rows; i++) {
        System.arraycopy(texts[i], 0, flat, i * shape.size(), shape.size());
      }
    }
    try (GeneratorTensors values = GeneratorTensors.of(rows, shape, flat, m, z);
        Result res = inputs.feed(session.runner(), values).fetch(output).run()) {
      TFloat32 out = (TFloat32) res.get(0);
      float[] v = new float[(int) out.size()];
      out.copyTo(DataBuffers.of(v, false, false));
      return v;
    }
  }

  /** The signature of the text-to-image path: encoded text (and mask) and noise in, images out. */
  Signature signature() {
    return inputs
        .addTo(Signature.builder().key("generate").methodName("tensorflow/serving/predict"))
        .output("images", images)
        .build();
  }

  Session session() {
    return session;
  }

  /** The experiment behind this run (its encoder, generator and configuration). */
  public Experiment experiment() {
    return experiment;
  }

  @Override
  public void close() {
    try {
      session.close();
      graph.close();
    } finally {
      onClose.run();
    }
  }
}
