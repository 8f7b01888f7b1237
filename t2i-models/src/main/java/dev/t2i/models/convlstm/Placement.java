package dev.t2i.models.convlstm;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where the ConvLSTM sits in the generator (section 5(6): the first run, the report's two fixes,
 * and the check without it).
 */
public enum Placement {
  /**
   * "Method 1": on the images the generator makes for each word, followed by two transposed
   * convolutions that keep the size (the last maps its features to 3 channels).
   */
  @JsonProperty("last-layer")
  LAST_LAYER,
  /** "Method 2": on the features before the generator's last layer, which then makes the image. */
  @JsonProperty("penultimate")
  PENULTIMATE,
  /**
   * The report's first run, before either fix: the ConvLSTM is the generator's last layer, over the
   * word images, and its 3-channel hidden state is the image.
   */
  @JsonProperty("output")
  OUTPUT,
  /**
   * No ConvLSTM: each word's image comes straight from the per-word generator, with the 5-D
   * batch-norm layout (the report's "DCGAN only, with 5-D inputs" check of its batch norm).
   */
  @JsonProperty("none")
  NONE
}
