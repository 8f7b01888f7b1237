package dev.t2i.eval;

import dev.t2i.api.Checks;
import java.nio.file.Path;

/**
 * How an evaluation samples.
 *
 * @param captions test captions evaluated (one per test image, up to this many)
 * @param samplesPerCaption generated images per caption, each with its own noise
 * @param seed seed of the caption choice, the noise and the evaluator's training
 * @param classifierSteps training steps of the evaluator classifier (0: the data set's default)
 * @param cache where trained evaluator classifiers are kept for reuse
 */
public record EvalSettings(int captions, int samplesPerCaption, long seed, int classifierSteps, Path cache) {
  public EvalSettings {
    Checks.positive("captions", captions);
    Checks.positive("samplesPerCaption", samplesPerCaption);
    Checks.nonNegative("classifierSteps", classifierSteps);
    Checks.required("cache", cache);
  }
}
