package dev.t2i.encoders;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How {@code word2vec-sum} pools word vectors. */
public enum Pooling {
  @JsonProperty("sum")
  SUM,
  @JsonProperty("mean")
  MEAN
}
