package dev.t2i.api.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which part of a data set an example belongs to. */
public enum Split {
  @JsonProperty("train")
  TRAIN,
  @JsonProperty("test")
  TEST,
  /**
   * Held apart from training to choose configurations on, so that the test split is reported once,
   * never selected on. Data sets without one return no examples for it.
   */
  @JsonProperty("validation")
  VALIDATION;

  /** The lower-case name used in files and YAML. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
