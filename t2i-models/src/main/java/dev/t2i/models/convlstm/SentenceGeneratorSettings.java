package dev.t2i.models.convlstm;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.Generator;
import dev.t2i.api.InvalidSettingException;
import dev.t2i.models.dcgan.Conditioning;
import dev.t2i.models.dcgan.DcganGeneratorSettings;

/** Settings of the {@code convlstm} generator. */
public record SentenceGeneratorSettings(
    @JsonPropertyDescription(
            "the per-word generator, as {type: dcgan, ...}; each word's vector is its text input")
        DcganGeneratorSettings network,
    @JsonPropertyDescription(
            "whether the generator (words 1..n-1) and the GNN branch (word n) share their weights")
        Boolean shareParameters,
    @JsonPropertyDescription(
            "last-layer (method 1: on the word images, then two size-preserving transposed convolutions) or penultimate (method 2)")
        Placement placement,
    @JsonPropertyDescription(
            "hidden channels of the ConvLSTM; default 16 (last-layer) or ngf (penultimate)")
        Integer filters,
    @JsonPropertyDescription("kernel size of the ConvLSTM's convolutions") Integer kernel,
    @JsonPropertyDescription(
            "batch normalisation over 5-D tensors: batch-major (joint statistics) or length-major (per word position)")
        BatchNormLayout batchNorm)
    implements Generator.Settings {

  public SentenceGeneratorSettings {
    network =
        Checks.orDefault(
            network,
            new DcganGeneratorSettings(
                Conditioning.TEXT, null, null, null, null, null, null, null, null, null));
    if (network.conditioning() == Conditioning.NOISE) {
      throw new IllegalArgumentException(
          "network.conditioning must read text (text or projected): each word's vector is the input");
    }
    shareParameters = Checks.orDefault(shareParameters, true);
    placement = Checks.orDefault(placement, Placement.LAST_LAYER);
    filters =
        Checks.inRange(
            "filters",
            Checks.orDefault(filters, placement == Placement.LAST_LAYER ? 16 : network.ngf()),
            1,
            1024);
    kernel = Checks.inRange("kernel", Checks.orDefault(kernel, 3), 1, 15);
    if (kernel % 2 == 0) {
      throw new InvalidSettingException(
          "kernel", "must be odd (same-size convolutions), was " + kernel);
    }
    batchNorm = Checks.orDefault(batchNorm, BatchNormLayout.LENGTH_MAJOR);
  }
}
