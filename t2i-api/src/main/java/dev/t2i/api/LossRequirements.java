package dev.t2i.api;

/**
 * What a loss needs the trainer to build and feed.
 *
 * @param discriminator whether it reads discriminator logits (false: a pure Euclidean GNN loss)
 * @param mismatchedText whether it needs D(real image, wrong text): matching-aware losses
 * @param blurSigma Gaussian blur, in pixels at 64×64, of the real images it scores as extra fakes;
 *     0 for none
 */
public record LossRequirements(boolean discriminator, boolean mismatchedText, double blurSigma) {
  public LossRequirements {
    Checks.nonNegative("blurSigma", blurSigma);
  }

  /** Needs nothing beyond the generator's output and the real images. */
  public static final LossRequirements NONE = new LossRequirements(false, false, 0);

  /** The union of two sets of needs; the larger blur wins. */
  public LossRequirements and(LossRequirements other) {
    return new LossRequirements(
        discriminator || other.discriminator,
        mismatchedText || other.mismatchedText,
        Math.max(blurSigma, other.blurSigma));
  }
}
