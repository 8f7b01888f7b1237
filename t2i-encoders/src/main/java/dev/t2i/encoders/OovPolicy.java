package dev.t2i.encoders;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What to do with a token that has no word vector. */
public enum OovPolicy {
  /** Leave it out, as if the caption did not contain it. */
  @JsonProperty("skip")
  SKIP,
  /** Keep its place with a zero vector: it counts in a mean and takes a step of a sequence. */
  @JsonProperty("zero")
  ZERO,
  /** Refuse the caption. */
  @JsonProperty("error")
  ERROR
}
