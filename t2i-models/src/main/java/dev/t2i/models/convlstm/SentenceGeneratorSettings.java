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
            "last-layer (method 1: on the word images, then two size-preserving transposed convolutions), "
                + "penultimate (method 2), output (the first run: the ConvLSTM's 3-channel state is the image) "
                + "or none (no ConvLSTM: DCGAN alone on 5-D inputs, the batch-norm check)")
        Placement placement,
    @JsonPropertyDescription(
            "hidden channels of the ConvLSTM; default 16 (last-layer), ngf (penultimate); 3 with output")
        Integer filters,
    @JsonPropertyDescription("kernel size of the ConvLSTM's convolutions") Integer kernel,
    @JsonPropertyDescription(
            "batch normalisation over 5-D tensors: batch-major (joint statistics) or length-major (per word position)")
        BatchNormLayout batchNorm,
    @JsonPropertyDescription(
            "whether word n is the GNN's (its image meets the caption's own through the L2 term, and the "
                + "discriminator sees words 1..n-1); false: no GNN, every word's image is a fake for the "
                + "discriminator (the report's 'DCGAN + ConvLSTM without GNN')")
        Boolean gnn)
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
    int defaultFilters =
        switch (placement) {
          case LAST_LAYER, NONE -> 16;
          case PENULTIMATE -> network.ngf();
          case OUTPUT -> 3;
        };
    filters = Checks.inRange("filters", Checks.orDefault(filters, defaultFilters), 1, 1024);
    if (placement == Placement.OUTPUT && filters != 3) {
      throw new InvalidSettingException(
          "filters",
          "must be 3 with placement: output (the ConvLSTM's state is the RGB image), was "
              + filters);
    }
    kernel = Checks.inRange("kernel", Checks.orDefault(kernel, 3), 1, 15);
    if (kernel % 2 == 0) {
      throw new InvalidSettingException(
          "kernel", "must be odd (same-size convolutions), was " + kernel);
    }
    batchNorm = Checks.orDefault(batchNorm, BatchNormLayout.LENGTH_MAJOR);
    gnn = Checks.orDefault(gnn, true);
    if (!gnn && !shareParameters) {
      throw new InvalidSettingException(
          "shareParameters",
          "false keeps separate weights for the GNN branch, and gnn: false has none; leave it out");
    }
  }
}
