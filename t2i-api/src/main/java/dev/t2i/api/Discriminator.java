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
   * @param text {@code [N, D]} pooled text, or {@code [N, T, D]} word vectors zero-padded at the end, when {@link #conditional()}, else ignored (may be null)
   * @return logits {@code [N]}: large for "real"
   */
  Operand<TFloat32> score(
      Ops tf, Parameters params, Operand<TFloat32> images, Operand<TFloat32> text, Mode mode);
}
