package dev.t2i.models.convlstm;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the ConvLSTM sits in the generator (the report's two fixes, section 5(6)). */
public enum Placement {
  /**
   * "Method 1": on the images the generator makes for each word, followed by two transposed
   * convolutions that keep the size (the last maps its features to 3 channels).
   */
  @JsonProperty("last-layer")
  LAST_LAYER,
  /** "Method 2": on the features before the generator's last layer, which then makes the image. */
  @JsonProperty("penultimate")
  PENULTIMATE
}
