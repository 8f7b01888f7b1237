package dev.t2i.curation.features;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.FeatureExtractor;

/** Settings of {@code pixels}: the image, centre-cropped and downscaled, as its own feature. */
public record PixelFeaturesSettings(
    @JsonPropertyDescription("side of the downscaled image; features are side x side x 3")
        Integer size)
    implements FeatureExtractor.Settings {
  public PixelFeaturesSettings {
    size = Checks.inRange("size", Checks.orDefault(size, 16), 1, 256);
  }
}
