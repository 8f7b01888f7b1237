package dev.t2i.datasets.pipeline;

import dev.t2i.api.Checks;
import dev.t2i.api.TextShape;

/**
 * What each batch holds.
 *
 * @param batchSize examples per batch
 * @param imageSize side of the images, in pixels
 * @param text the encoder's shape, or null for batches without text
 * @param mismatchedText whether to add a caption of another image (or class) per example
 * @param randomImages whether to add real images drawn independently of the captions
 * @param augment whether to apply random crops and flips (training) or not (evaluation)
 */
public record BatchSpec(
    int batchSize,
    int imageSize,
    TextShape text,
    boolean mismatchedText,
    boolean randomImages,
    boolean augment) {
  public BatchSpec {
    Checks.positive("batchSize", batchSize);
    Checks.positive("imageSize", imageSize);
    if (mismatchedText && text == null) {
      throw new IllegalArgumentException("mismatched text needs a text encoder");
    }
  }
}
