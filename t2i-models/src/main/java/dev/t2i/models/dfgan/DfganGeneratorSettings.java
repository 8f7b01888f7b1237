package dev.t2i.models.dfgan;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.Generator;
import dev.t2i.api.InvalidSettingException;
import dev.t2i.models.layers.Upsampling;
import java.util.List;

/** Settings of the {@code dfgan} generator. */
public record DfganGeneratorSettings(
    @JsonPropertyDescription(
            "size of the Gaussian noise vector; it feeds the first layer and every fusion block")
        Integer noiseDimension,
    @JsonPropertyDescription("size of the learned sentence vector that the fusion blocks read")
        Integer sentenceDimension,
    @JsonPropertyDescription("feature maps of the last block; the first blocks have 8x")
        Integer ngf,
    @JsonPropertyDescription("side of the images: 32, 64 or 128") Integer imageSize,
    @JsonPropertyDescription(
            "with a word-sequence encoder (word2vec-sequence): words each learned sentence feature reads at once, a convolution over that many adjacent words averaged over the caption")
        Integer textWindow,
    @JsonPropertyDescription(
            "nearest (DF-GAN's: values repeated 2x2) or bilinear (interpolated) up-sampling before each block")
        Upsampling upsampling)
    implements Generator.Settings {

  public DfganGeneratorSettings {
    noiseDimension =
        Checks.inRange("noiseDimension", Checks.orDefault(noiseDimension, 100), 1, 4096);
    sentenceDimension =
        Checks.inRange("sentenceDimension", Checks.orDefault(sentenceDimension, 128), 1, 4096);
    ngf = Checks.inRange("ngf", Checks.orDefault(ngf, 32), 1, 1024);
    imageSize = Checks.oneOf("imageSize", Checks.orDefault(imageSize, 64), List.of(32, 64, 128));
    textWindow = Checks.inRange("textWindow", Checks.orDefault(textWindow, 3), 1, 9);
    upsampling = Checks.orDefault(upsampling, Upsampling.NEAREST);
    if (upsampling == Upsampling.TRANSPOSED) {
      throw new InvalidSettingException(
          "upsampling",
          "must be nearest or bilinear: dfgan never up-samples with transposed convolutions");
    }
  }

  public static DfganGeneratorSettings defaults() {
    return new DfganGeneratorSettings(null, null, null, null, null, null);
  }
}
