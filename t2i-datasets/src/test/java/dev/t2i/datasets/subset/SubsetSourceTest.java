package dev.t2i.datasets.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.RunContext;
import dev.t2i.api.data.DatasetException;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.api.plugin.Role;
import dev.t2i.datasets.DatasetsPlugin;
import dev.t2i.runtime.ComponentAssembler;
import dev.t2i.runtime.ConfigException;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubsetSourceTest {
  static final String OXFORD =
      Path.of(System.getProperty("t2i.shared.data", "../../shared/data"), "oxford102").toString();
  private final PluginRegistry registry = PluginRegistry.of(List.of(new DatasetsPlugin()));
  @TempDir Path dir;

  /** Holds one dataset section, as an experiment or cluster configuration does. */
  record Holder(ImageCaptionSource.Settings dataset) {}

  private DatasetIndex load(String yaml) throws Exception {
    Holder h = new ConfigLoader(registry).read(yaml, "subset.yaml", Holder.class);
    var injector =
        new ComponentAssembler(registry)
            .injector(new RunContext(1, dir), Map.of(Role.DATASET, h.dataset()));
    return ComponentAssembler.get(injector, ImageCaptionSource.class).load();
  }

  @Test
  void selectsOxfordClassesByNameIdAndRange() throws Exception {
    DatasetIndex all = load("dataset: {type: oxford102, root: " + OXFORD + "}\n");
    DatasetIndex some =
        load(
            "dataset:\n  type: subset\n  source: {type: oxford102, root: "
                + OXFORD
                + "}\n"
                + "  classes: [Pink Primrose, '2', 10-12]\n");
    Set<Integer> classes =
        some.examples().stream().map(Example::classId).collect(Collectors.toSet());
    assertThat(classes).containsExactlyInAnyOrder(1, 2, 10, 11, 12);
    long expected = all.examples().stream().filter(e -> classes.contains(e.classId())).count();
    assertThat(some.examples()).hasSize((int) expected);
    assertThat(expected).isBetween(150L, 400L);
    assertThat(some.name()).isEqualTo("oxford102");
    assertThat(some.classNames()).isEqualTo(all.classNames());
    assertThat(some.provenance())
        .containsEntry("subset.classes", "[1, 2, 10, 11, 12]")
        .containsEntry("subset.examples", expected + " of 8189");
  }

  /**
   * A subset of a subset: the nested one has the top-level one's type, which once failed to
   * assemble.
   */
  @Test
  void aSubsetOfASubsetKeepsTheClassesOfBoth() throws Exception {
    String inner =
        "dataset:\n  type: subset\n  source:\n    type: subset\n"
            + "    source: {type: oxford102, root: "
            + OXFORD
            + "}\n    classes: [1-10]\n";
    DatasetIndex nested = load(inner + "  classes: [5-8]\n");
    assertThat(nested.examples().stream().map(Example::classId).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(5, 6, 7, 8);
    assertThatThrownBy(() -> load(inner + "  classes: [5-20]\n"))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(
            "'5-20' names class 11, which oxford102 does not have; its class ids are 1 to 10");
  }

  @Test
  void selectsClustersFromTheAssignmentsFile() throws Exception {
    String synthetic = "{type: synthetic-flowers, train: 60, test: 12, imageSize: 16}";
    DatasetIndex all = load("dataset: " + synthetic + "\n");
    List<String> lines = new ArrayList<>(List.of(String.join(",", ClusterAssignments.HEADER)));
    for (int i = 0; i < all.examples().size(); i++) {
      Example e = all.examples().get(i);
      lines.add(e.id() + "," + e.split().id() + "," + e.classId() + "," + (i % 3) + ",0.9");
    }
    Path csv = Files.write(dir.resolve("clusters.csv"), lines);
    DatasetIndex one =
        load(
            "dataset: {type: subset, source: "
                + synthetic
                + ", assignments: "
                + csv
                + ", clusters: [1]}\n");
    List<String> expected = new ArrayList<>();
    for (int i = 1; i < all.examples().size(); i += 3) {
      expected.add(all.examples().get(i).id());
    }
    assertThat(one.examples()).extracting(Example::id).containsExactlyElementsOf(expected);
    DatasetIndex two =
        load(
            "dataset: {type: subset, source: "
                + synthetic
                + ", assignments: "
                + csv
                + ", clusters: [0, 2]}\n");
    assertThat(two.examples()).hasSize(all.examples().size() - expected.size());

    assertThatThrownBy(
            () ->
                load(
                    "dataset: {type: subset, source: "
                        + synthetic
                        + ", assignments: "
                        + csv
                        + ", clusters: [7]}\n"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("subset.clusters: cluster 7 is not in " + csv + "; its clusters are [0, 1, 2]");
  }

  @Test
  void badSelectionsSayWhatIsAllowed() throws Exception {
    String oxford = "{type: oxford102, root: " + OXFORD + "}";
    assertThatThrownBy(
            () -> load("dataset: {type: subset, source: " + oxford + ", classes: [tulip]}\n"))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith(
            "subset.classes: no class named 'tulip' in oxford102; known names include 'pink primrose'")
        .hasMessageEndingWith("(102 in all; see t2i data inspect)");
    assertThatThrownBy(
            () -> load("dataset: {type: subset, source: " + oxford + ", classes: ['103']}\n"))
        .hasMessage(
            "subset.classes: '103' names class 103, which oxford102 does not have; its class ids are 1 to 102 (102 classes)");
    assertThatThrownBy(
            () -> load("dataset: {type: subset, source: " + oxford + ", classes: [9-3]}\n"))
        .hasMessage("subset.classes: range '9-3' is empty; write it low-high, such as 1-51");
    assertThatThrownBy(
            () -> load("dataset: {type: subset, source: " + oxford + ", clusters: [1]}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "clusters needs assignments: the clusters.csv that t2i cluster wrote");
    assertThatThrownBy(() -> load("dataset: {type: subset, source: " + oxford + "}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("a subset selects something");
    Path foreign = Files.write(dir.resolve("foreign.csv"), List.of("id,cluster", "someone_else,0"));
    assertThatThrownBy(
            () ->
                load(
                    "dataset: {type: subset, source: "
                        + oxford
                        + ", assignments: "
                        + foreign
                        + ", clusters: [0]}\n"))
        .hasMessage(
            foreign
                + ": none of its 1 images is in oxford102; was it written for another data set?");
    Path broken =
        Files.write(dir.resolve("broken.csv"), List.of("id,cluster", "image_00001,three"));
    assertThatThrownBy(() -> ClusterAssignments.read(broken))
        .hasMessage(broken + ":2: cluster 'three' is not a whole number");
    assertThatThrownBy(() -> ClusterAssignments.read(dir.resolve("absent.csv")))
        .hasMessageContaining("absent.csv: no such file; run t2i cluster first");
  }
}
