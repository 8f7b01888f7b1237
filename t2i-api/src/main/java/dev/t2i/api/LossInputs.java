package dev.t2i.api;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Everything a loss may read. Parts that the experiment has no use for are null: the
 * discriminator's logits without a discriminator, {@code mismatchedLogits} unless the loss asked
 * for mismatched text, {@code blurredLogits} unless it asked for blurred images.
 *
 * @param realLogits D(real image, its text), {@code [B]}
 * @param fakeLogits D(generated image, text), {@code [N]}
 * @param fakeWeights weight of each fake ({@code [N]}), or null for equal weights
 * @param mismatchedLogits D(real image, another caption's text), {@code [B]}
 * @param blurredLogits D(blurred real image, its text), {@code [B]}
 * @param generated the generator's output
 * @param realImages {@code [B, H, W, 3]}: each caption's own image
 * @param scoredReals the images that {@code realLogits} scored, for penalties on the
 *     discriminator's input gradients; null where the trainer needs no discriminator objective
 * @param scoredText the text that {@code realLogits} read with them, or null for a discriminator
 *     that reads none
 */
public record LossInputs(
    Operand<TFloat32> realLogits,
    Operand<TFloat32> fakeLogits,
    Operand<TFloat32> fakeWeights,
    Operand<TFloat32> mismatchedLogits,
    Operand<TFloat32> blurredLogits,
    GeneratorOutput generated,
    Operand<TFloat32> realImages,
    Operand<TFloat32> scoredReals,
    Operand<TFloat32> scoredText) {

  /** Inputs without the discriminator's scored inputs: for losses that need no gradient penalty. */
  public LossInputs(
      Operand<TFloat32> realLogits,
      Operand<TFloat32> fakeLogits,
      Operand<TFloat32> fakeWeights,
      Operand<TFloat32> mismatchedLogits,
      Operand<TFloat32> blurredLogits,
      GeneratorOutput generated,
      Operand<TFloat32> realImages) {
    this(
        realLogits,
        fakeLogits,
        fakeWeights,
        mismatchedLogits,
        blurredLogits,
        generated,
        realImages,
        null,
        null);
  }
}
