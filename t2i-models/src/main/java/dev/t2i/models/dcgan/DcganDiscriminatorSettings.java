package dev.t2i.models.dcgan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.Discriminator;

/** Settings of the {@code dcgan} discriminator. */
public record DcganDiscriminatorSettings(
    @JsonPropertyDescription("none (images only) or projected (the text, projected and tiled over the 4x4 map, GAN-CLS)")
        TextInput text,
    @JsonPropertyDescription("size of the learned text projection") Integer textProjection,
    @JsonPropertyDescription("feature maps of the first layer; the last has 8x") Integer ndf)
    implements Discriminator.Settings {

  /** Whether the discriminator reads text. */
  public enum TextInput {
    @JsonProperty("none")
    NONE,
    @JsonProperty("projected")
    PROJECTED
  }

  public DcganDiscriminatorSettings {
    text = Checks.orDefault(text, TextInput.PROJECTED);
    textProjection = Checks.inRange("textProjection", Checks.orDefault(textProjection, 128), 1, 4096);
    ndf = Checks.inRange("ndf", Checks.orDefault(ndf, 64), 1, 1024);
  }

  public static DcganDiscriminatorSettings defaults() {
    return new DcganDiscriminatorSettings(null, null, null);
  }
}
