package dev.t2i.api.plugin;

import dev.t2i.api.Discriminator;
import dev.t2i.api.FeatureExtractor;
import dev.t2i.api.Generator;
import dev.t2i.api.Loss;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.data.ImageCaptionSource;

/** The kinds of component a plugin can contribute, each with its YAML key. */
public enum Role {
  ENCODER("encoder", TextEncoder.class, TextEncoder.Settings.class),
  GENERATOR("generator", Generator.class, Generator.Settings.class),
  DISCRIMINATOR("discriminator", Discriminator.class, Discriminator.Settings.class),
  LOSS("loss", Loss.class, Loss.Settings.class),
  DATASET("dataset", ImageCaptionSource.class, ImageCaptionSource.Settings.class),
  FEATURES("features", FeatureExtractor.class, FeatureExtractor.Settings.class);

  private final String key;
  private final Class<?> componentType;
  private final Class<?> settingsType;

  Role(String key, Class<?> componentType, Class<?> settingsType) {
    this.key = key;
    this.componentType = componentType;
    this.settingsType = settingsType;
  }

  /** The YAML key of this role, such as {@code generator}. */
  public String key() {
    return key;
  }

  /** The interface its components implement. */
  public Class<?> componentType() {
    return componentType;
  }

  /** The interface its settings records implement. */
  public Class<?> settingsType() {
    return settingsType;
  }

  /** The role whose settings interface {@code settingsClass} implements, if any. */
  public static java.util.Optional<Role> ofSettings(Class<?> settingsClass) {
    for (Role r : values()) {
      if (r.settingsType.isAssignableFrom(settingsClass)) {
        return java.util.Optional.of(r);
      }
    }
    return java.util.Optional.empty();
  }
}
