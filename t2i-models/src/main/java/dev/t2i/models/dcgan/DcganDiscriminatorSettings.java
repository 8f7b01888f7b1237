package dev.t2i.models.dcgan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.Discriminator;

/** Settings of the {@code dcgan} discriminator. */
public record DcganDiscriminatorSettings(
    @JsonPropertyDescription(
            "none (images only), projected (the text, projected and tiled over the 4x4 map, GAN-CLS) or inner-product (the logit adds the inner product of the projected text with the image features, Miyato and Koyama's projection discriminator)")
        TextInput text,
    @JsonPropertyDescription(
            "size of the learned text projection (projected; inner-product projects to the 4x4 features)")
        Integer textProjection,
    @JsonPropertyDescription("feature maps of the first layer; the last has 8x") Integer ndf,
    @JsonPropertyDescription(
            "adds the batch's mean standard deviation of the 4x4 features as one more feature map (Karras et al. 2018), so that D sees a collapsed batch of samples")
        Boolean minibatchStddev,
    @JsonPropertyDescription(
            "with a word-sequence encoder (word2vec-sequence): words each learned text feature reads at once, a convolution over that many adjacent words averaged over the caption")
        Integer textWindow)
    implements Discriminator.Settings {

  /** Whether the discriminator reads text. */
  public enum TextInput {
    @JsonProperty("none")
    NONE,
    @JsonProperty("projected")
    PROJECTED,
    @JsonProperty("inner-product")
    INNER_PRODUCT
  }

  public DcganDiscriminatorSettings {
    text = Checks.orDefault(text, TextInput.PROJECTED);
    textProjection =
        Checks.inRange("textProjection", Checks.orDefault(textProjection, 128), 1, 4096);
    ndf = Checks.inRange("ndf", Checks.orDefault(ndf, 64), 1, 1024);
    minibatchStddev = Checks.orDefault(minibatchStddev, false);
    textWindow = Checks.inRange("textWindow", Checks.orDefault(textWindow, 3), 1, 9);
  }

  public static DcganDiscriminatorSettings defaults() {
    return new DcganDiscriminatorSettings(null, null, null, null, null);
  }
}
