package dev.t2i.training;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which real images the discriminator compares generated ones with. */
public enum RealImages {
  /** The images of the batch's captions. */
  @JsonProperty("own")
  OWN,
  /** Real images drawn independently of the captions (the report's sentence model). */
  @JsonProperty("random")
  RANDOM
}
