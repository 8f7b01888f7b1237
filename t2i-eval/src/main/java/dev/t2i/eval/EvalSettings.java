package dev.t2i.eval;

import dev.t2i.api.Checks;
import dev.t2i.api.InvalidSettingException;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Split;
import java.nio.file.Path;

/**
 * How an evaluation samples.
 *
 * @param captions test captions evaluated (one per test image, up to this many)
 * @param samplesPerCaption generated images per caption, each with its own noise
 * @param seed seed of the caption choice, the noise and the evaluator's training
 * @param classifierSteps training steps of the evaluator classifier (0: the data set's default)
 * @param cache where trained evaluator classifiers are kept for reuse
 * @param split the split whose captions are evaluated: {@link Split#VALIDATION} to compare
 *     configurations, {@link Split#TEST} to report once; null for the validation split where the
 *     data set has one, else the test split
 */
public record EvalSettings(
    int captions, int samplesPerCaption, long seed, int classifierSteps, Path cache, Split split) {
  public EvalSettings {
    Checks.positive("captions", captions);
    Checks.positive("samplesPerCaption", samplesPerCaption);
    Checks.nonNegative("classifierSteps", classifierSteps);
    Checks.required("cache", cache);
    if (split == Split.TRAIN) {
      throw new InvalidSettingException(
          "split", "must be the validation or the test split, not the training split");
    }
  }

  /**
   * The split to evaluate in {@code index}: the one asked for, else validation where it has any,
   * else test.
   */
  public Split splitOf(DatasetIndex index) {
    if (split != null) {
      if (index.split(split).isEmpty()) {
        throw new IllegalArgumentException(
            "split: data set " + index.name() + " has no " + split.id() + " examples");
      }
      return split;
    }
    return index.split(Split.VALIDATION).isEmpty() ? Split.TEST : Split.VALIDATION;
  }
}
