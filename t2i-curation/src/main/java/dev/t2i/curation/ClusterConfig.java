package dev.t2i.curation;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.FeatureExtractor;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.api.data.Split;
import dev.t2i.curation.features.PixelFeaturesSettings;
import dev.t2i.curation.mixture.MixtureSettings;
import dev.t2i.curation.pca.PcaSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One clustering run, as one YAML file for {@code t2i cluster}. Only {@code dataset} is required.
 */
public record ClusterConfig(
    @JsonPropertyDescription("the run's name") String name,
    @JsonPropertyDescription("seed of PCA, k-means++ and the contact sheet") Long seed,
    @JsonPropertyDescription("the output directory; default runs/NAME") Path output,
    @JsonPropertyDescription("the images to cluster") ImageCaptionSource.Settings dataset,
    @JsonPropertyDescription("which images: all, train, test or validation") String split,
    @JsonPropertyDescription("the image features (default: pixels)")
        FeatureExtractor.Settings features,
    @JsonPropertyDescription("dimension reduction before clustering") PcaSettings pca,
    @JsonPropertyDescription("the Gaussian mixture") MixtureSettings mixture,
    @JsonPropertyDescription("the contact sheet") ContactSheetSettings sheet) {

  /** {@code all}, or the id of one {@link Split}. */
  private static final List<String> SPLITS =
      Stream.concat(Stream.of("all"), Arrays.stream(Split.values()).map(Split::id)).toList();

  public ClusterConfig {
    name = Checks.identifier("name", Checks.orDefault(name, "clusters"));
    seed = Checks.orDefault(seed, 42L);
    output = Checks.orDefault(output, Path.of("runs", name));
    Checks.required("dataset", dataset);
    split = Checks.oneOf("split", Checks.orDefault(split, "all"), SPLITS);
    features = Checks.orDefault(features, new PixelFeaturesSettings(null));
    pca = Checks.orDefault(pca, PcaSettings.defaults());
    mixture = Checks.orDefault(mixture, MixtureSettings.defaults());
    sheet = Checks.orDefault(sheet, ContactSheetSettings.defaults());
  }

  /** A copy writing to another directory. */
  public ClusterConfig withOutput(Path o) {
    return new ClusterConfig(name, seed, o, dataset, split, features, pca, mixture, sheet);
  }
}
