package dev.t2i.curation.features;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.FeatureExtractor;
import dev.t2i.api.data.ImageCaptionSource;
import java.nio.file.Path;

/**
 * Settings of {@code classifier}: the in-project CNN's 256-d feature layer, trained on class
 * labels.
 *
 * @param steps training steps of 64 images
 * @param size image side
 * @param trainOn the labelled data it learns from; by default the data set being clustered. A
 *     subset of other classes measures features that were not trained on the clustered classes.
 * @param cache where trained extractors are kept; by default the output directory's {@code
 *     .extractors/}
 */
public record ClassifierFeaturesSettings(
    @JsonPropertyDescription("training steps of 64 images") Integer steps,
    @JsonPropertyDescription("image side") Integer size,
    @JsonPropertyDescription("labelled data it learns from (default: the data set being clustered)")
        ImageCaptionSource.Settings trainOn,
    @JsonPropertyDescription("where trained extractors are kept (default: OUTPUT/.extractors)")
        Path cache)
    implements FeatureExtractor.Settings {

  public ClassifierFeaturesSettings {
    steps = Checks.positive("steps", Checks.orDefault(steps, 1500));
    size = Checks.oneOf("size", Checks.orDefault(size, 64), java.util.List.of(32, 64, 128));
  }
}
