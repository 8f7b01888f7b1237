package dev.t2i.training;

import dev.t2i.api.EncodedText;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.api.plugin.ComponentRegistry;
import dev.t2i.api.plugin.Role;
import dev.t2i.api.plugin.T2iPlugin;
import dev.t2i.datasets.DatasetsPlugin;
import dev.t2i.encoders.EncodersPlugin;
import dev.t2i.models.ModelsPlugin;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Tiny experiments for tests: 32 × 32 synthetic flowers, small networks, a handful of steps. */
public final class TinyRuns {
  private TinyRuns() {}

  /**
   * A test encoder: the first letters of a caption as numbers, NaN while the poison system property
   * names a word of it.
   */
  public record PoisonSettings(Integer dimension) implements TextEncoder.Settings {}

  public static final class PoisonEncoder implements TextEncoder {
    final int dimension;

    @Inject
    PoisonEncoder(PoisonSettings s) {
      this.dimension = s.dimension();
    }

    @Override
    public TextShape shape() {
      return TextShape.pooled(dimension);
    }

    @Override
    public EncodedText encode(String caption) {
      float[] v = new float[dimension];
      for (int i = 0; i < dimension && i < caption.length(); i++) {
        v[i] = (caption.charAt(i) - 'm') / 13f;
      }
      String poison = System.getProperty("t2i.test.poison");
      if (poison != null && caption.contains(poison)) {
        v[0] = Float.NaN;
      }
      return new EncodedText(v, new float[] {1}, 1, List.of());
    }
  }

  public static final class TestPlugin implements T2iPlugin {
    @Override
    public String name() {
      return "training-test";
    }

    @Override
    public void register(ComponentRegistry registry) {
      registry.register(
          Role.ENCODER, "poison", PoisonSettings.class, PoisonEncoder.class, "test encoder");
    }
  }

  public static PluginRegistry registry() {
    return PluginRegistry.of(
        List.of(new DatasetsPlugin(), new EncodersPlugin(), new ModelsPlugin(), new TestPlugin()));
  }

  /** A tiny GAN-CLS experiment writing to {@code output}. */
  public static String gan(Path output, int steps, int checkpointEvery) {
    return """
        name: tiny
        seed: 5
        output: %s
        dataset: {type: synthetic-flowers, train: 48, test: 16, imageSize: 32}
        encoder:
          type: word2vec-sum
          vectors: {dimension: 8, train: {epochs: 1, minCount: 1, threads: 1}}
        generator: {type: dcgan, ngf: 4, imageSize: 32, noiseDimension: 6, textProjection: 4}
        discriminator: {type: dcgan, ndf: 4, textProjection: 4}
        loss: {type: gan, matchingAware: true, blurredFakes: 1.0}
        training:
          batchSize: 8
          steps: %d
          threads: 1
          logEvery: 1
          sampleEvery: 0
          checkpointEvery: %d
          samples: {count: 2, perCaption: 2}
        pipeline: {workers: 1, prefetch: 2}
        """
        .formatted(output, steps, checkpointEvery);
  }

  /**
   * Feeds every input of {@code g} with {@code rows} uniform values in [-1, 1) from {@code random},
   * each input's values first passed to {@code edit} with its name; the tensors join {@code owned}
   * for the caller to close after the run.
   */
  public static Session.Runner feedRandom(
      Session.Runner r,
      TrainingGraph g,
      int rows,
      SplittableRandom random,
      BiConsumer<String, float[]> edit,
      List<TFloat32> owned) {
    for (Map.Entry<String, Placeholder<TFloat32>> in : g.inputs().byName().entrySet()) {
      long[] dims = in.getValue().shape().asArray();
      dims[0] = rows;
      float[] v = uniform(random, (int) Shape.of(dims).size());
      edit.accept(in.getKey(), v);
      TFloat32 t = TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(v));
      owned.add(t);
      r.feed(in.getValue(), t);
    }
    return r;
  }

  /** {@code n} uniform values in [-1, 1) from {@code random}. */
  public static float[] uniform(SplittableRandom random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextDouble(-1, 1);
    }
    return v;
  }

  public static ExperimentConfig read(String yaml, PluginRegistry registry) throws Exception {
    return new ConfigLoader(registry).read(yaml, "tiny.yaml", ExperimentConfig.class);
  }
}
