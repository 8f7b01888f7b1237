package dev.t2i.models.losses;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.Loss;

/** Settings of the {@code gan} loss. */
public record GanLossSettings(
    @JsonPropertyDescription(
            "non-saturating (G maximises log D(G(z)), as the report advises) or minimax (G minimises log(1 - D(G(z))))")
        GeneratorObjective generator,
    @JsonPropertyDescription(
            "real images with a mismatched caption count as negatives for D (GAN-CLS)")
        Boolean matchingAware,
    @JsonPropertyDescription(
            "Gaussian blur (pixels at 64x64) of real images shown to D as extra fakes; 0: none (the report's trick)")
        Double blurredFakes,
    @JsonPropertyDescription("label of real images for D; below 1 is one-sided label smoothing")
        Double realLabel)
    implements Loss.Settings {

  /** What the generator optimises. */
  public enum GeneratorObjective {
    @JsonProperty("non-saturating")
    NON_SATURATING,
    @JsonProperty("minimax")
    MINIMAX
  }

  public GanLossSettings {
    generator = Checks.orDefault(generator, GeneratorObjective.NON_SATURATING);
    matchingAware = Checks.orDefault(matchingAware, false);
    blurredFakes = Checks.inRange("blurredFakes", Checks.orDefault(blurredFakes, 0.0), 0, 32);
    realLabel = Checks.inRange("realLabel", Checks.orDefault(realLabel, 1.0), 0.5, 1.0);
  }

  public static GanLossSettings defaults() {
    return new GanLossSettings(null, null, null, null);
  }
}
