package dev.t2i.api;

/**
 * The shape of one encoded caption.
 *
 * @param steps number of word positions: 1 for a pooled encoder, T for a sequence encoder
 * @param dimension size of each word or sentence vector (400 in the report)
 * @param sequence whether the encoder yields one vector per word, with a mask of real tokens
 */
public record TextShape(int steps, int dimension, boolean sequence) {
  public TextShape {
    Checks.positive("steps", steps);
    Checks.positive("dimension", dimension);
    if (!sequence && steps != 1) {
      throw new IllegalArgumentException("a pooled text shape has 1 step, was " + steps);
    }
  }

  /** A pooled shape: one vector of {@code dimension} per caption. */
  public static TextShape pooled(int dimension) {
    return new TextShape(1, dimension, false);
  }

  /** A sequence shape: {@code steps} vectors of {@code dimension} per caption, with a mask. */
  public static TextShape sequence(int steps, int dimension) {
    return new TextShape(steps, dimension, true);
  }

  /** Number of floats in one encoded caption. */
  public int size() {
    return steps * dimension;
  }
}
