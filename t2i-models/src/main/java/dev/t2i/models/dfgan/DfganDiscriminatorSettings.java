package dev.t2i.models.dfgan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.Discriminator;

/** Settings of the {@code dfgan} discriminator. */
public record DfganDiscriminatorSettings(
    @JsonPropertyDescription("feature maps of the first layer; the 4x4 map has 16x") Integer ndf,
    @JsonPropertyDescription(
            "size of the learned sentence vector that the one-way output reads beside the image features")
        Integer sentenceDimension,
    @JsonPropertyDescription(
            "with a word-sequence encoder (word2vec-sequence): words each learned sentence feature reads at once")
        Integer textWindow,
    @JsonPropertyDescription(
            "how the caption enters the logit: concat (DF-GAN's one-way output: the sentence tiled beside the 4x4 features, then two convolutions) or projection (that output with the sentence left out, plus the inner product of the projected sentence with the pooled 4x4 features, Miyato and Koyama's projection discriminator)")
        TextOutput text)
    implements Discriminator.Settings {

  /** How the caption enters the logit. */
  public enum TextOutput {
    @JsonProperty("concat")
    CONCAT,
    @JsonProperty("projection")
    PROJECTION
  }

  public DfganDiscriminatorSettings {
    ndf = Checks.inRange("ndf", Checks.orDefault(ndf, 32), 1, 1024);
    sentenceDimension =
        Checks.inRange("sentenceDimension", Checks.orDefault(sentenceDimension, 128), 1, 4096);
    textWindow = Checks.inRange("textWindow", Checks.orDefault(textWindow, 3), 1, 9);
    text = Checks.orDefault(text, TextOutput.CONCAT);
  }

  public static DfganDiscriminatorSettings defaults() {
    return new DfganDiscriminatorSettings(null, null, null, null);
  }
}
