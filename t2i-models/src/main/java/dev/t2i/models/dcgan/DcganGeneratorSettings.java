package dev.t2i.models.dcgan;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.Generator;
import dev.t2i.api.InvalidSettingException;
import dev.t2i.models.layers.Upsampling;
import java.util.List;

/** Settings of the {@code dcgan} generator. */
public record DcganGeneratorSettings(
    @JsonPropertyDescription(
            "text (replaces the noise, the report's mode), noise (unconditional) or projected (noise + projected text)")
        Conditioning conditioning,
    @JsonPropertyDescription(
            "size of the uniform noise vector; default 100 when projected, 400 when noise, 0 when text")
        Integer noiseDimension,
    @JsonPropertyDescription("size of the learned text projection (projected mode)")
        Integer textProjection,
    @JsonPropertyDescription(
            "feature maps of the last layer before the image; the first layer has 8x")
        Integer ngf,
    @JsonPropertyDescription("side of the images: 32, 64 or 128") Integer imageSize,
    @JsonPropertyDescription(
            "with a word-sequence encoder (word2vec-sequence, projected mode): words each learned text feature reads at once, a convolution over that many adjacent words averaged over the caption")
        Integer textWindow,
    @JsonPropertyDescription(
            "projected mode: weight of the KL term of conditioning augmentation (StackGAN): in training the text features are a Gaussian sample around a learned mean, which smooths the generator over the caption space; at inference the mean; 0: off")
        Double conditioningAugmentation,
    @JsonPropertyDescription(
            "projected mode with a word-sequence encoder: before the last layer, every position of the feature map attends over the caption's words (AttnGAN's word attention) and adds what it reads")
        Boolean wordAttention,
    @JsonPropertyDescription(
            "transposed (4x4 stride-2 transposed convolutions, DCGAN's) or nearest / bilinear (doubling, then a 3x3 convolution: no checkerboard)")
        Upsampling upsampling,
    @JsonPropertyDescription(
            "the last layer's doubling, to the image: by default the same as upsampling; nearest beside "
                + "transposed inner layers removes the one-pixel checkerboard for a few MFLOP per image")
        Upsampling outputUpsampling)
    implements Generator.Settings {

  public DcganGeneratorSettings {
    conditioning = Checks.orDefault(conditioning, Conditioning.PROJECTED);
    int defaultNoise =
        switch (conditioning) {
          case TEXT -> 0;
          case NOISE -> 400;
          case PROJECTED -> 100;
        };
    noiseDimension =
        Checks.inRange("noiseDimension", Checks.orDefault(noiseDimension, defaultNoise), 0, 4096);
    if (conditioning == Conditioning.NOISE && noiseDimension == 0) {
      throw new InvalidSettingException("noiseDimension", "must be > 0 when conditioning is noise");
    }
    if (conditioning == Conditioning.TEXT && noiseDimension != 0) {
      throw new InvalidSettingException(
          "noiseDimension", "must be 0 when conditioning is text (the text replaces the noise)");
    }
    textProjection =
        Checks.inRange("textProjection", Checks.orDefault(textProjection, 128), 1, 4096);
    ngf = Checks.inRange("ngf", Checks.orDefault(ngf, 64), 1, 1024);
    imageSize = Checks.oneOf("imageSize", Checks.orDefault(imageSize, 64), List.of(32, 64, 128));
    textWindow = Checks.inRange("textWindow", Checks.orDefault(textWindow, 3), 1, 9);
    conditioningAugmentation =
        Checks.inRange(
            "conditioningAugmentation",
            Checks.orDefault(conditioningAugmentation, 0.0),
            0.0,
            100.0);
    wordAttention = Checks.orDefault(wordAttention, false);
    upsampling = Checks.orDefault(upsampling, Upsampling.TRANSPOSED);
    outputUpsampling = Checks.orDefault(outputUpsampling, upsampling);
    if (wordAttention && conditioning != Conditioning.PROJECTED) {
      throw new InvalidSettingException(
          "wordAttention", "needs conditioning projected and a word-sequence encoder");
    }
    if (conditioningAugmentation > 0 && conditioning != Conditioning.PROJECTED) {
      throw new InvalidSettingException(
          "conditioningAugmentation",
          "needs conditioning projected (it perturbs the learned text features)");
    }
  }

  public static DcganGeneratorSettings defaults() {
    return new DcganGeneratorSettings(null, null, null, null, null, null, null, null, null, null);
  }
}
