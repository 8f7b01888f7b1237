package dev.t2i.models.layers;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a generator doubles its feature maps. */
public enum Upsampling {
  /**
   * A fractionally-strided (transposed) 4 × 4 convolution with stride 2, DCGAN's; its uneven
   * overlaps draw checkerboards.
   */
  @JsonProperty("transposed")
  TRANSPOSED,
  /** Each value repeated 2 × 2 (DF-GAN's), then a 3 × 3 convolution. */
  @JsonProperty("nearest")
  NEAREST,
  /**
   * Bilinear interpolation with half-pixel centres, then a 3 × 3 convolution: no repeated 2 × 2
   * blocks.
   */
  @JsonProperty("bilinear")
  BILINEAR
}
