package dev.t2i.datasets.io;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a loader does with a malformed item. */
public enum OnError {
  /** Leave the item out, count it, and list it in the load report. */
  @JsonProperty("skip")
  SKIP,
  /** Stop with an error naming the item. */
  @JsonProperty("fail")
  FAIL
}
