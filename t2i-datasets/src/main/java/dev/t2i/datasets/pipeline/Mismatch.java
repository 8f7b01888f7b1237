package dev.t2i.datasets.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a mismatched ("wrong") caption comes from, for matching-aware losses. */
public enum Mismatch {
  /** Any other image. */
  @JsonProperty("image")
  IMAGE,
  /** An image of another class, when classes are known. */
  @JsonProperty("class")
  CLASS
}
