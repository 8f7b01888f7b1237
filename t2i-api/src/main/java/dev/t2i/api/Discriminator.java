package dev.t2i.api;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Scores images as real or generated, as a TensorFlow graph.
 *
 * <p>A stateless builder like {@link Generator}: the trainer applies it to real images, to
 * generated ones and, for matching-aware losses, to real images with the wrong text, all with the
 * same {@link Parameters}.
 */
public interface Discriminator {

  /** Settings of a discriminator; YAML selects the implementation with {@code type:}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  interface Settings {}

  /** Whether it reads the text as well as the image (GAN-CLS style). */
  boolean conditional();

  /**
   * Builds the discriminator.
   *
   * @param images {@code [N, H, W, 3]} in {@code [-1, 1]}
   * @param text {@code [N, D]} pooled text, or {@code [N, T, D]} word vectors zero-padded at the
   *     end, when {@link #conditional()}, else ignored (may be null)
   * @return logits {@code [N]}: large for "real"
   */
  Operand<TFloat32> score(
      Ops tf, Parameters params, Operand<TFloat32> images, Operand<TFloat32> text, Mode mode);

  /**
   * Whether {@link #scorePairs} can score every image against every caption in one pass over the
   * images: true where the text meets the image features only at the end (a projection
   * discriminator). Contrastive training ({@code training.contrastive}) needs it.
   */
  default boolean scoresPairs() {
    return false;
  }

  /**
   * Every image against every caption, in one pass over the images, with the parameters of {@link
   * #score}.
   *
   * @param images {@code [N, H, W, 3]}
   * @param text {@code [M, D]} or {@code [M, T, D]}, as for {@link #score}
   * @return logits {@code [N, M]}: entry {@code (i, j)} scores image {@code i} with caption {@code
   *     j}; with {@code M = N} the diagonal is what {@link #score} gives
   * @throws UnsupportedOperationException where {@link #scoresPairs} is false
   */
  default Operand<TFloat32> scorePairs(
      Ops tf, Parameters params, Operand<TFloat32> images, Operand<TFloat32> text, Mode mode) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot score every image against every caption");
  }
}
