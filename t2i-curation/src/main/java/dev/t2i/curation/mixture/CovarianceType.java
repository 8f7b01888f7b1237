package dev.t2i.curation.mixture;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The shape of each component's covariance. */
public enum CovarianceType {
  /** A full {@code d × d} covariance per component. */
  @JsonProperty("full")
  FULL,
  /** Independent variances per dimension and component. */
  @JsonProperty("diagonal")
  DIAGONAL;

  /** The YAML name. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
