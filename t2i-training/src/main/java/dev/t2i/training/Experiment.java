package dev.t2i.training;

import com.google.inject.Injector;
import com.google.inject.Module;
import dev.t2i.api.Discriminator;
import dev.t2i.api.Generator;
import dev.t2i.api.Loss;
import dev.t2i.api.RunContext;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.api.plugin.Role;
import dev.t2i.datasets.pipeline.CaptionPooling;
import dev.t2i.runtime.ComponentAssembler;
import dev.t2i.runtime.ConfigException;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * An experiment's components, built by Guice from its configuration, and checked against each
 * other: a loss that reads a discriminator needs one, a conditional discriminator needs pooled
 * text. Building is cheap; the data set is read on the first call to {@link #index()}.
 */
public final class Experiment {
  private final ExperimentConfig config;
  private final Injector injector;
  private final Generator generator;
  private final Optional<Discriminator> discriminator;
  private final Loss loss;
  private final Optional<TextEncoder> encoder;
  private final ConfigLoader loader;
  private final String resolvedYaml;

  private Experiment(ExperimentConfig config, Injector injector, ConfigLoader loader) {
    this.config = config;
    this.injector = injector;
    this.loader = loader;
    this.resolvedYaml = loader.write(config);
    this.encoder =
        config.encoder() == null
            ? Optional.empty()
            : Optional.of(ComponentAssembler.get(injector, TextEncoder.class));
    this.generator = ComponentAssembler.get(injector, Generator.class);
    this.discriminator =
        config.discriminator() == null
            ? Optional.empty()
            : Optional.of(ComponentAssembler.get(injector, Discriminator.class));
    this.loss = ComponentAssembler.get(injector, Loss.class);
    if (loss.requirements().discriminator() && discriminator.isEmpty()) {
      throw new IllegalArgumentException(
          "the loss reads a discriminator, and none is configured: add a discriminator section, or train a GNN with loss: {type: l2}");
    }
    if (!loss.requirements().discriminator() && discriminator.isPresent()) {
      throw new IllegalArgumentException(
          "a discriminator is configured but the loss never reads it: use a gan loss, or remove the discriminator");
    }
    discriminator.ifPresent(d -> requireScorable(generator, d));
    if (loss.requirements().mismatchedText()
        && (encoder.isEmpty() || !discriminator.get().conditional())) {
      throw new IllegalArgumentException(
          "a matching-aware loss needs a discriminator that reads text (discriminator text: projected)");
    }
    if (config.pipeline().captionPooling() == CaptionPooling.IMAGE_MEAN
        && encoder.map(e -> e.shape().sequence()).orElse(true)) {
      throw new IllegalArgumentException(
          "pipeline.captionPooling: image-mean averages each image's caption vectors, so it needs a "
              + "pooled encoder (word2vec-mean or word2vec-sum); "
              + (encoder.isEmpty() ? "no encoder is configured" : "this one gives word sequences")
              + ". Use captionPooling: one, or a pooled encoder");
    }
    if (config.training().modeSeeking() > 0 && generator.noiseDimension() == 0) {
      throw new IllegalArgumentException(
          "training.modeSeeking: the generator draws no noise (noiseDimension 0), so there is "
              + "nothing to tell two samples apart: set modeSeeking: 0, or give the generator noise");
    }
    if (config.training().contrastive() > 0
        && (discriminator.isEmpty() || !discriminator.get().scoresPairs())) {
      throw new IllegalArgumentException(
          "training.contrastive: needs a discriminator that scores every image against every "
              + "caption in one pass (dcgan with text: inner-product); "
              + discriminator
                  .map(d -> "this one reads the text before the end")
                  .orElse("none is configured")
              + ". Set contrastive: 0, or use such a discriminator");
    }
  }

  /**
   * Refuses a discriminator that reads the caption with a generator that draws an image per word.
   */
  private static void requireScorable(Generator generator, Discriminator discriminator) {
    if (discriminator.conditional() && generator.imagePerWord()) {
      throw new IllegalArgumentException(
          "the discriminator reads text, but the generator shows it one image per word, "
              + "not per caption: set discriminator text: none (the report's sentence model has an unconditional discriminator)");
    }
  }

  /** Assembles {@code config} with the plugins of {@code registry}. */
  public static Experiment assemble(
      ExperimentConfig config, PluginRegistry registry, Module... extra) {
    return assemble(config, registry, false, extra);
  }

  /**
   * Assembles {@code config}; with {@code frozen}, components use what the run directory saved (for
   * generation) and never read the data set or train anything.
   */
  public static Experiment assemble(
      ExperimentConfig config, PluginRegistry registry, boolean frozen, Module... extra) {
    Map<Role, Object> components = new EnumMap<>(Role.class);
    components.put(Role.DATASET, config.dataset());
    if (config.encoder() != null) {
      components.put(Role.ENCODER, config.encoder());
    }
    components.put(Role.GENERATOR, config.generator());
    if (config.discriminator() != null) {
      components.put(Role.DISCRIMINATOR, config.discriminator());
    }
    components.put(Role.LOSS, config.loss());
    Injector injector =
        new ComponentAssembler(registry)
            .injector(new RunContext(config.seed(), config.output(), frozen), components, extra);
    return new Experiment(config, injector, new ConfigLoader(registry));
  }

  public ExperimentConfig config() {
    return config;
  }

  public Generator generator() {
    return generator;
  }

  public Optional<Discriminator> discriminator() {
    return discriminator;
  }

  public Loss loss() {
    return loss;
  }

  public Optional<TextEncoder> encoder() {
    return encoder;
  }

  public ImageCaptionSource dataset() {
    return ComponentAssembler.get(injector, ImageCaptionSource.class);
  }

  /** The data set's index, read once. */
  public DatasetIndex index() {
    return ComponentAssembler.get(injector, DatasetIndex.class);
  }

  /** The configuration as YAML, with every default filled in. */
  public String resolvedYaml() {
    return resolvedYaml;
  }

  /**
   * Another experiment file, such as the {@code config.yaml} an older version saved in a run, read
   * with this experiment's plugins: settings added since then take their defaults.
   */
  public ExperimentConfig read(Path file) throws ConfigException {
    return loader.read(file, ExperimentConfig.class);
  }

  /**
   * {@code config} as a tree with every default filled in and {@code type:} ids, as {@link
   * #resolvedYaml()} writes it.
   */
  public com.fasterxml.jackson.databind.JsonNode tree(ExperimentConfig config) {
    return loader.jsonMapper().valueToTree(config);
  }

  /** The Guice injector, for components a caller adds. */
  public Injector injector() {
    return injector;
  }
}
