package dev.t2i.models.gnn;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.Generator;
import dev.t2i.models.dcgan.Conditioning;
import dev.t2i.models.dcgan.DcganGeneratorSettings;

/** Settings of the {@code gnn} generator. */
public record GnnGeneratorSettings(
    @JsonPropertyDescription(
            "the DCGAN architecture of both branches, as {type: dcgan, ...}; its conditioning applies to the adversarial branch")
        DcganGeneratorSettings network,
    @JsonPropertyDescription(
            "whether the adversarial generator and the Euclidean (GNN) branch share their weights")
        Boolean shareParameters)
    implements Generator.Settings {

  public GnnGeneratorSettings {
    network =
        Checks.orDefault(
            network,
            new DcganGeneratorSettings(
                Conditioning.TEXT, null, null, null, null, null, null, null, null, null));
    shareParameters = Checks.orDefault(shareParameters, true);
    if (network.conditioning() == Conditioning.NOISE) {
      throw new IllegalArgumentException(
          "the GNN branch reads text: network.conditioning must be text or projected");
    }
  }
}
