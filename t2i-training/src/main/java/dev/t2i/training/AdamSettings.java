package dev.t2i.training;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;

/** Adam's settings for one network. Defaults are DCGAN's: 2e-4, beta1 0.5. */
public record AdamSettings(
    @JsonPropertyDescription("learning rate") Double learningRate,
    @JsonPropertyDescription("decay of the first moment") Double beta1,
    @JsonPropertyDescription("decay of the second moment") Double beta2,
    @JsonPropertyDescription("added to the denominator") Double epsilon) {

  public AdamSettings {
    learningRate = Checks.inRange("learningRate", Checks.orDefault(learningRate, 2e-4), 1e-9, 1.0);
    beta1 = Checks.inRange("beta1", Checks.orDefault(beta1, 0.5), 0, 0.999999);
    beta2 = Checks.inRange("beta2", Checks.orDefault(beta2, 0.999), 0, 0.999999);
    epsilon = Checks.positive("epsilon", Checks.orDefault(epsilon, 1e-8));
  }

  public static AdamSettings defaults() {
    return new AdamSettings(null, null, null, null);
  }
}
