package dev.t2i.eval;

import dev.t2i.api.Progress;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.training.generate.TextToImage;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code attributes}: for data sets whose every example carries the synthetic flowers' attribute
 * labels (petal colour, centre colour, count, shape, size); see {@link SyntheticEvaluation}.
 */
public final class AttributeLabelsEvaluation implements Evaluation {
  @Override
  public String name() {
    return "attributes";
  }

  @Override
  public OptionalInt fit(DatasetIndex index) {
    boolean labelled =
        !index.examples().isEmpty()
            && index.examples().stream()
                .allMatch(e -> e.attributes().keySet().containsAll(SyntheticEvaluation.ATTRIBUTES));
    return labelled ? OptionalInt.of(20) : OptionalInt.empty();
  }

  @Override
  public String needs() {
    return "the attributes "
        + String.join(", ", SyntheticEvaluation.ATTRIBUTES)
        + " on every example";
  }

  @Override
  public Map<String, Object> evaluate(
      DatasetIndex index,
      EvalSettings settings,
      Progress.Factory progress,
      TextToImage model,
      TextToImage untrained)
      throws Exception {
    return new SyntheticEvaluation(index, settings, progress).run(model, untrained);
  }
}
