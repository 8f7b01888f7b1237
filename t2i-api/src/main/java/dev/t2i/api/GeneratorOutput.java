package dev.t2i.api;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What a generator produces for one batch. All images are NHWC in {@code [-1, 1]}.
 *
 * @param images {@code [B, H, W, 3]}: the image for each caption. Generation returns it, and a
 *     Euclidean (GNN) loss compares it with the caption's own image.
 * @param fakes {@code [N, H, W, 3]}: the images shown to the discriminator as generated. For a
 *     plain generator these are {@code images} (N = B); a sentence model shows one per word.
 * @param fakeWeights {@code [N]} weight of each fake in the adversarial loss (0 for padding), or
 *     null for equal weights
 * @param steps {@code [B, T, H, W, 3]}: the image after each word, or null for a model without
 *     steps
 * @param stepMask {@code [B, T]}: 1 where {@code steps} holds a real word, or null
 */
public record GeneratorOutput(
    Operand<TFloat32> images,
    Operand<TFloat32> fakes,
    Operand<TFloat32> fakeWeights,
    Operand<TFloat32> steps,
    Operand<TFloat32> stepMask) {

  public GeneratorOutput {
    Checks.required("images", images);
    Checks.required("fakes", fakes);
  }

  /** The output of a generator that makes one image per caption and shows it to D. */
  public static GeneratorOutput of(Operand<TFloat32> images) {
    return new GeneratorOutput(images, images, null, null, null);
  }

  /** Whether the fakes are the caption images themselves, one per caption. */
  public boolean fakesAreImages() {
    return fakes == images;
  }
}
