package dev.t2i.api;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.tensorflow.op.Ops;

/**
 * Makes images from noise and/or text, as a TensorFlow graph.
 *
 * <p>A generator is a stateless builder: {@link #generate} builds ops on {@code tf} and takes its
 * variables from {@code params}, creating them on first use. Building it twice with the same {@code
 * params} shares the weights.
 */
public interface Generator {

  /** Settings of a generator; YAML selects the implementation with {@code type:}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  interface Settings {}

  /** Side of the square images it makes, in pixels. */
  int imageSize();

  /** Size of the noise vector it takes, or 0 if it takes none. */
  int noiseDimension();

  /** The text shape it needs, or null if it ignores text (an unconditional GAN). */
  TextShape textShape();

  /**
   * Whether it draws one image per word of a caption (a sentence model such as the report's
   * ConvLSTM network) instead of one per caption: a discriminator that reads the caption cannot
   * score those.
   */
  default boolean imagePerWord() {
    return false;
  }

  /** Builds the generator for one batch. */
  GeneratorOutput generate(Ops tf, Parameters params, GeneratorInput input, Mode mode);
}
