package dev.t2i.models.convlstm;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How batch normalisation treats the 5-D tensors of a sentence model (the report's two layouts).
 */
public enum BatchNormLayout {
  /** (batch, length, ...): statistics over the batch and all word positions together. */
  @JsonProperty("batch-major")
  BATCH_MAJOR,
  /** (length, batch, ...): statistics per word position, each over the batch. */
  @JsonProperty("length-major")
  LENGTH_MAJOR
}
