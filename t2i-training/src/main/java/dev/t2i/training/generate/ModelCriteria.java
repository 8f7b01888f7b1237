package dev.t2i.training.generate;

import dev.t2i.runtime.ConfigException;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.pretrained.PretrainedModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to load as a {@link TextToImage}, in the way of DJL's {@code Criteria}: a run's checkpoint
 * or a shipped model, which step, which weights, with which plugins. Immutable; each {@code with}
 * returns a copy.
 *
 * <pre>{@code
 * try (TextToImage model = ModelCriteria.run(Path.of("runs/quickstart")).step(2000).load()) { ... }
 * try (TextToImage model = ModelCriteria.pretrained("oxford102-flowers").load()) { ... }
 * }</pre>
 *
 * @param source where the model comes from
 * @param step the checkpoint's training step; 0 for the newest (a shipped model has one)
 * @param weights the trained weights, or the initial weights of the run's seed (the floor an
 *     evaluation compares with)
 * @param plugins the plugins that assemble the model's components; empty for those on the class
 *     path
 */
public record ModelCriteria(
    Source source, long step, Weights weights, Optional<PluginRegistry> plugins) {

  /** Where a model comes from. */
  public sealed interface Source {
    /** A run directory: its {@code config.yaml} and {@code checkpoints/}. */
    record Run(Path directory) implements Source {
      public Run {
        Objects.requireNonNull(directory, "directory");
      }
    }

    /**
     * A model shipped on the class path, by name, in a catalogue ({@link
     * PretrainedModels#onClassPath()} by default).
     */
    record Pretrained(String name, PretrainedModels catalogue) implements Source {
      public Pretrained {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(catalogue, "catalogue");
      }
    }
  }

  /** Which weights to load. */
  public enum Weights {
    /** The checkpoint's. */
    TRAINED,
    /** The initial weights of the run's seed, as training started: no checkpoint is read. */
    INITIAL
  }

  public ModelCriteria {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(plugins, "plugins");
    if (step < 0) {
      throw new IllegalArgumentException(
          "step must be >= 0 (0: the newest checkpoint), was " + step);
    }
    if (step > 0 && source instanceof Source.Pretrained) {
      throw new IllegalArgumentException(
          "a shipped model has one checkpoint: no step can be chosen");
    }
  }

  /** The newest checkpoint of the run in {@code directory}, with the plugins on the class path. */
  public static ModelCriteria run(Path directory) {
    return new ModelCriteria(new Source.Run(directory), 0, Weights.TRAINED, Optional.empty());
  }

  /**
   * The model shipped as {@code name} on the class path (the {@code t2i-pretrained} artifact, or a
   * user's jar).
   */
  public static ModelCriteria pretrained(String name) {
    return new ModelCriteria(
        new Source.Pretrained(name, PretrainedModels.onClassPath()),
        0,
        Weights.TRAINED,
        Optional.empty());
  }

  /** The checkpoint of training step {@code n} (0: the newest). */
  public ModelCriteria step(long n) {
    return new ModelCriteria(source, n, weights, plugins);
  }

  /** The initial weights of the run's seed instead of a checkpoint's. */
  public ModelCriteria initialWeights() {
    return new ModelCriteria(source, step, Weights.INITIAL, plugins);
  }

  /** Components assembled with the plugins of {@code registry}. */
  public ModelCriteria plugins(PluginRegistry registry) {
    return new ModelCriteria(source, step, weights, Optional.of(registry));
  }

  /** A shipped model from {@code catalogue} instead of the class path's. */
  public ModelCriteria catalogue(PretrainedModels catalogue) {
    if (!(source instanceof Source.Pretrained p)) {
      throw new IllegalStateException("a catalogue applies to a shipped model, not to " + source);
    }
    return new ModelCriteria(new Source.Pretrained(p.name(), catalogue), step, weights, plugins);
  }

  /** The plugins to assemble with: those given, else those on the class path. */
  PluginRegistry registry() {
    return plugins.orElseGet(PluginRegistry::discover);
  }

  /**
   * Loads the model: close it after use.
   *
   * @throws IllegalArgumentException if the run kept no checkpoint of {@code step}, or no model of
   *     that name ships
   * @throws IOException if the run's files cannot be read, or its checkpoint is damaged
   */
  public TextToImage load() throws IOException, ConfigException {
    return TextToImage.open(this);
  }
}
