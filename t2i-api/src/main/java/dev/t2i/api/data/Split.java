package dev.t2i.api.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which part of a data set an example belongs to. */
public enum Split {
  @JsonProperty("train")
  TRAIN,
  @JsonProperty("test")
  TEST;

  /** The lower-case name used in files and YAML. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
