package dev.t2i.training;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import java.util.List;

/**
 * What the sample grids show: fixed captions and fixed noise, so grids are comparable over
 * training.
 */
public record SampleSettings(
    @JsonPropertyDescription(
            "captions to draw; default: the first distinct captions of the test split")
        List<String> captions,
    @JsonPropertyDescription("how many test captions to take when none are listed") Integer count,
    @JsonPropertyDescription("images per caption, each with its own noise") Integer perCaption,
    @JsonPropertyDescription("seed of the samples' noise") Long noiseSeed) {

  public SampleSettings {
    captions = List.copyOf(Checks.orDefault(captions, List.of()));
    count = Checks.inRange("count", Checks.orDefault(count, 8), 1, 64);
    perCaption = Checks.inRange("perCaption", Checks.orDefault(perCaption, 4), 1, 16);
    noiseSeed = Checks.orDefault(noiseSeed, 7L);
  }

  public static SampleSettings defaults() {
    return new SampleSettings(null, null, null, null);
  }
}
