package dev.t2i.examples.plugin;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.TextEncoder;

/** Settings of {@code hashed-trigrams}. */
public record HashedTrigramSettings(
    @JsonPropertyDescription("buckets of the hashed trigrams: the vector size") Integer dimension)
    implements TextEncoder.Settings {

  public HashedTrigramSettings {
    dimension = Checks.inRange("dimension", Checks.orDefault(dimension, 256), 8, 65_536);
  }
}
