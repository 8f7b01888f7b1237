package dev.t2i.datasets.subset;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.InvalidSettingException;
import dev.t2i.api.data.ImageCaptionSource;
import java.nio.file.Path;
import java.util.List;

/** Settings of {@code subset}. */
public record SubsetSettings(
    @JsonPropertyDescription("the data set to select from, with its own type:")
        ImageCaptionSource.Settings source,
    @JsonPropertyDescription(
            "keep these classes: names (case-insensitive), ids, or id ranges such as 1-51")
        List<String> classes,
    @JsonPropertyDescription("clusters.csv written by t2i cluster (needed with clusters)")
        Path assignments,
    @JsonPropertyDescription("keep the images assigned to these clusters") List<Integer> clusters)
    implements ImageCaptionSource.Settings {

  public SubsetSettings {
    Checks.required("source", source);
    classes = classes == null ? List.of() : List.copyOf(classes);
    clusters = clusters == null ? List.of() : List.copyOf(clusters);
    if (classes.isEmpty() && clusters.isEmpty()) {
      throw new IllegalArgumentException(
          "a subset selects something: give classes, or assignments and clusters");
    }
    if (!clusters.isEmpty() && assignments == null) {
      throw new InvalidSettingException(
          "clusters", "needs assignments: the clusters.csv that t2i cluster wrote");
    }
    if (clusters.isEmpty() && assignments != null) {
      throw new InvalidSettingException(
          "assignments",
          "is given without clusters: say which clusters to keep, such as clusters: [3]");
    }
    for (int c : clusters) {
      Checks.nonNegative("clusters", c);
    }
  }
}
