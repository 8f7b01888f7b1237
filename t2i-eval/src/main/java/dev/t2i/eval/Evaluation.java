package dev.t2i.eval;

import dev.t2i.api.Progress;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.training.generate.TextToImage;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What {@code t2i eval} measures on one kind of data set. Implementations are found with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/dev.t2i.eval.Evaluation}), and the one that
 * fits the data set best is chosen from what the data set holds, never from its name: the built-in
 * ones read synthetic flowers' attribute labels ({@link SyntheticEvaluation}) and class labels
 * ({@link ClassEvaluation}). A plugin jar may add one for its own data.
 */
public interface Evaluation {

  /** A short name for reports and errors, such as {@code attributes}. */
  String name();

  /**
   * How well this evaluation fits {@code index}: empty if it cannot evaluate it, else a
   * specificity; the highest wins (attribute labels 20, class labels 10).
   */
  OptionalInt fit(DatasetIndex index);

  /** What this evaluation needs of a data set, for the error when none fits. */
  String needs();

  /**
   * Evaluates {@code model} on {@code index}'s evaluation split, with an {@code untrained} copy as
   * the floor; returns the report's sections.
   */
  Map<String, Object> evaluate(
      DatasetIndex index,
      EvalSettings settings,
      Progress.Factory progress,
      TextToImage model,
      TextToImage untrained)
      throws Exception;
}
