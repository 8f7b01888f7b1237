package dev.t2i.models.dfgan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the generator doubles its feature maps before each block. */
public enum Upsampling {
  /** Each value repeated 2 × 2 (DF-GAN's). */
  @JsonProperty("nearest")
  NEAREST,
  /** Bilinear interpolation with half-pixel centres: smoother maps, no repeated 2 × 2 blocks. */
  @JsonProperty("bilinear")
  BILINEAR
}
