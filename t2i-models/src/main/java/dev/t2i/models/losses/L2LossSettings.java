package dev.t2i.models.losses;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.Loss;

/** Settings of the {@code l2} loss. */
public record L2LossSettings(
    @JsonPropertyDescription(
            "images (the generator's image per caption) or step-mean (the mean of a sentence model's word images, the report's 'mean method')")
        Target target,
    @JsonPropertyDescription(
            "mse (mean squared error per pixel) or euclidean (the norm of the difference per image, as the report writes it)")
        Reduction reduction)
    implements Loss.Settings {

  public enum Target {
    @JsonProperty("images")
    IMAGES,
    @JsonProperty("step-mean")
    STEP_MEAN
  }

  public enum Reduction {
    @JsonProperty("mse")
    MSE,
    @JsonProperty("euclidean")
    EUCLIDEAN
  }

  public L2LossSettings {
    target = Checks.orDefault(target, Target.IMAGES);
    reduction = Checks.orDefault(reduction, Reduction.MSE);
  }
}
