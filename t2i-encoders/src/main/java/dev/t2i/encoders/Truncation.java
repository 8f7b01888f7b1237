package dev.t2i.encoders;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which tokens a sequence keeps when a caption is longer than its steps. */
public enum Truncation {
  /** Keep the first T tokens. */
  @JsonProperty("keep-first")
  KEEP_FIRST,
  /** Keep the last T tokens: the last word, which the report's GNN branch reads, survives. */
  @JsonProperty("keep-last")
  KEEP_LAST
}
