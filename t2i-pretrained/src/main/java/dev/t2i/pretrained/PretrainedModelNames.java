package dev.t2i.pretrained;

/** The names of the models this artifact ships, for {@code TextToImage.pretrained(NAME)}. */
public final class PretrainedModelNames {
  /** The quickstart's model of the embedded synthetic flowers (64 × 64). */
  public static final String SYNTHETIC_FLOWERS = "synthetic-flowers";

  private PretrainedModelNames() {}
}
