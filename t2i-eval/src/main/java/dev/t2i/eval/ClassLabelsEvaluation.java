package dev.t2i.eval;

import dev.t2i.api.Progress;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.training.generate.TextToImage;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code classes}: for data sets whose examples carry class labels, at least two; see {@link
 * ClassEvaluation}.
 */
public final class ClassLabelsEvaluation implements Evaluation {
  @Override
  public String name() {
    return "classes";
  }

  @Override
  public OptionalInt fit(DatasetIndex index) {
    boolean labelled =
        !index.examples().isEmpty()
            && index.examples().stream().allMatch(e -> e.classId() >= 0)
            && index.examples().stream().mapToInt(Example::classId).distinct().limit(2).count()
                == 2;
    return labelled ? OptionalInt.of(10) : OptionalInt.empty();
  }

  @Override
  public String needs() {
    return "a class label on every example, and at least two classes";
  }

  @Override
  public Map<String, Object> evaluate(
      DatasetIndex index,
      EvalSettings settings,
      Progress.Factory progress,
      TextToImage model,
      TextToImage untrained)
      throws Exception {
    return new ClassEvaluation(index, settings, progress).run(model, untrained);
  }
}
