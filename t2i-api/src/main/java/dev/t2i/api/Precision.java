package dev.t2i.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The number type that convolutions and matrix products compute in. Variables, optimizer state,
 * batch-normalisation statistics, activations between layers and losses stay float32 either way:
 * with {@link #BFLOAT16} a layer casts its input and weights to bfloat16, runs the product on
 * oneDNN's bfloat16 kernels (AVX512_BF16, AMX), and casts the result back.
 */
public enum Precision {
  @JsonProperty("float32")
  FLOAT32,
  @JsonProperty("bfloat16")
  BFLOAT16;

  /** The lower-case name used in YAML and logs. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
