package dev.t2i.pretrained;

/** The names of the models this artifact ships, for {@code TextToImage.pretrained(NAME)}. */
public final class PretrainedModelNames {
  /** The quickstart's model of the embedded synthetic flowers (64 × 64). */
  public static final String SYNTHETIC_FLOWERS = "synthetic-flowers";

  /** Oxford-102 flowers from English sentences (64 × 64), 2 hours of training on 2 cores. */
  public static final String OXFORD102_FLOWERS = "oxford102-flowers";

  private PretrainedModelNames() {}
}
