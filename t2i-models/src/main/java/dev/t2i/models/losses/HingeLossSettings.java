package dev.t2i.models.losses;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.Loss;

/** Settings of the {@code hinge} loss. */
public record HingeLossSettings(
    @JsonPropertyDescription(
            "real images with a mismatched caption count as negatives for D, weighted 1/2 like the generated ones (DF-GAN)")
        Boolean matchingAware,
    @JsonPropertyDescription(
            "weight k of the matching-aware gradient penalty k * E[||grad D(x, s)||^p] on real images with their own captions; 0: none")
        Double gradientPenalty,
    @JsonPropertyDescription(
            "power p of the gradient's norm in the penalty (DF-GAN: 6); at least 2")
        Double penaltyPower)
    implements Loss.Settings {

  public HingeLossSettings {
    matchingAware = Checks.orDefault(matchingAware, true);
    gradientPenalty =
        Checks.inRange("gradientPenalty", Checks.orDefault(gradientPenalty, 2.0), 0, 1000);
    penaltyPower = Checks.inRange("penaltyPower", Checks.orDefault(penaltyPower, 6.0), 2, 12);
  }

  public static HingeLossSettings defaults() {
    return new HingeLossSettings(null, null, null);
  }
}
