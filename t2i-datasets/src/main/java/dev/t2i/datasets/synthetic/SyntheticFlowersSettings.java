package dev.t2i.datasets.synthetic;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.data.ImageCaptionSource;

/** Settings of {@code synthetic-flowers}. */
public record SyntheticFlowersSettings(
    @JsonPropertyDescription("seed of the data set; the same seed gives the same images everywhere")
        Long seed,
    @JsonPropertyDescription("training images") Integer train,
    @JsonPropertyDescription("test images") Integer test,
    @JsonPropertyDescription("side of the rendered images, in pixels") Integer imageSize,
    @JsonPropertyDescription(
            "share of test and validation images drawn from the held-out colour pairs")
        Double heldOutShare,
    @JsonPropertyDescription(
            "validation images, drawn like the test images (held-out pairs and sentence forms included) from a stream of their own, to choose configurations on")
        Integer validation)
    implements ImageCaptionSource.Settings {

  public SyntheticFlowersSettings {
    seed = Checks.orDefault(seed, 2017L);
    train = Checks.inRange("train", Checks.orDefault(train, 12_000), 0, 10_000_000);
    test = Checks.inRange("test", Checks.orDefault(test, 2_000), 0, 10_000_000);
    imageSize = Checks.inRange("imageSize", Checks.orDefault(imageSize, 64), 8, 1024);
    heldOutShare = Checks.inRange("heldOutShare", Checks.orDefault(heldOutShare, 0.3), 0, 1);
    validation = Checks.inRange("validation", Checks.orDefault(validation, 1_000), 0, 10_000_000);
  }

  /** The spec's defaults: 12,000 training, 2,000 test and 1,000 validation images at 64 × 64. */
  public static SyntheticFlowersSettings defaults() {
    return new SyntheticFlowersSettings(null, null, null, null, null, null);
  }
}
