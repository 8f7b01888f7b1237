package dev.t2i.datasets.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which text a training image is paired with at each step. */
public enum CaptionPooling {
  /** One of its captions, drawn at random each time (Reed et al.). */
  @JsonProperty("one")
  ONE,
  /**
   * The mean of the encodings of all its captions (the report's CUB-200 experiment: ten sentences
   * summed and averaged into one 400-d vector); pooled encoders only.
   */
  @JsonProperty("image-mean")
  IMAGE_MEAN
}
