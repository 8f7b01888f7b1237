package dev.t2i.models.losses;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.InvalidSettingException;
import dev.t2i.api.Loss;
import java.util.List;

/** Settings of the {@code weighted} loss: {@code Σ λ_i · loss_i}. */
public record WeightedLossSettings(
    @JsonPropertyDescription("the terms: each a weight and a loss") List<Term> terms)
    implements Loss.Settings {

  /** One term of the sum. */
  public record Term(
      @JsonPropertyDescription("λ, the weight of this term") Double weight,
      @JsonPropertyDescription("the loss") Loss.Settings loss) {
    public Term {
      weight = Checks.nonNegative("weight", Checks.orDefault(weight, 1.0));
      Checks.required("loss", loss);
    }
  }

  public WeightedLossSettings {
    Checks.required("terms", terms);
    if (terms.isEmpty()) {
      throw new InvalidSettingException("terms", "must list at least one loss");
    }
    terms = List.copyOf(terms);
  }
}
