package dev.t2i.models.dcgan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a DCGAN generator reads text. */
public enum Conditioning {
  /** The report's mode: the encoder's vector (word2vec mean) replaces the noise. */
  @JsonProperty("text")
  TEXT,
  /** Unconditional: uniform noise only, the text is ignored. */
  @JsonProperty("noise")
  NOISE,
  /** Noise concatenated with a learned projection of the text (GAN-CLS). */
  @JsonProperty("projected")
  PROJECTED
}
