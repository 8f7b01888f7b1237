package dev.t2i.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.t2i.api.Progress;
import dev.t2i.api.RunContext;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.api.plugin.Role;
import dev.t2i.runtime.ComponentAssembler;
import dev.t2i.runtime.ConfigException;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusteringTest {
  static final String OXFORD =
      Path.of(System.getProperty("t2i.shared.data", "../../shared/data"), "oxford102").toString();
  private final PluginRegistry registry = PluginRegistry.discover();
  private final ConfigLoader loader = new ConfigLoader(registry);
  @TempDir Path dir;

  private Clustering.Outcome run(String yaml) throws Exception {
    return new Clustering(registry, Progress.Factory.SILENT)
        .run(loader.read(yaml, "cluster.yaml", ClusterConfig.class));
  }

  /** Holds one dataset section. */
  record Holder(ImageCaptionSource.Settings dataset) {}

  private DatasetIndex load(String yaml) throws Exception {
    Holder h = loader.read(yaml, "subset.yaml", Holder.class);
    var injector =
        new ComponentAssembler(registry)
            .injector(new RunContext(1, dir), Map.of(Role.DATASET, h.dataset()));
    return injector.getInstance(DatasetIndex.class);
  }

  @Test
  void clustersSyntheticFlowersAndWritesEveryOutput() throws Exception {
    Path out = dir.resolve("run");
    String synthetic =
        "{type: synthetic-flowers, train: 240, test: 60, validation: 0, imageSize: 24}";
    String yaml =
        "name: flowers\nseed: 3\noutput: "
            + out
            + "\ndataset: "
            + synthetic
            + "\n"
            + "features: {type: pixels, size: 12}\npca: {components: 10}\n"
            + "mixture: {components: 4, covariance: full, bic: [2, 4]}\nsheet: {perCluster: 5, thumbnail: 32}\n";
    Clustering.Outcome first = run(yaml);
    int n = 300;
    assertThat(first.labels()).hasSize(n);
    assertThat(Arrays.stream(first.summary().sizes()).sum()).isEqualTo(n);
    // Components are ordered by weight, so sizes mostly decrease; none is empty.
    assertThat(Arrays.stream(first.summary().sizes()).min().orElseThrow()).isPositive();
    // Raw pixels cluster mostly by flower size, then petal colour: both purer than chance.
    int[] random = shuffled(first.labels(), 1);
    assertThat(purity(first.examples(), first.labels(), 4, "size"))
        .isGreaterThan(purity(first.examples(), random, 4, "size") + 0.15);
    assertThat(purity(first.examples(), first.labels(), 4, "petal_color"))
        .isGreaterThan(purity(first.examples(), random, 4, "petal_color") + 0.05);
    assertThat(first.summary().purity()).isGreaterThan(first.summary().randomPurity() + 0.02);

    List<String> csv = Files.readAllLines(out.resolve("clusters.csv"));
    assertThat(csv).hasSize(n + 1);
    assertThat(csv.get(0)).isEqualTo("id,split,class,cluster,probability");
    assertThat(csv.get(1)).startsWith("image_00001,train,");
    List<String> em = Files.readAllLines(out.resolve("em.csv"));
    assertThat(em.get(0)).isEqualTo("iteration,meanLogLikelihood");
    double[] ll =
        em.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
    assertThat(ll.length).isEqualTo(first.fit().iterations()).isGreaterThan(1);
    for (int i = 1; i < ll.length; i++) {
      assertThat(ll[i]).isGreaterThanOrEqualTo(ll[i - 1] - 1e-6);
    }
    assertThat(Files.readAllLines(out.resolve("bic.csv")))
        .hasSize(3)
        .first()
        .isEqualTo("components,bic,meanLogLikelihood,iterations,converged");
    assertThat(Files.readString(out.resolve("sizes.txt")))
        .startsWith("cluster    images   share  main classes")
        .contains("all           300  100.0%")
        .contains("purity ");
    BufferedImage sheet = ImageIO.read(out.resolve("contact-sheet.png").toFile());
    assertThat(sheet.getWidth()).isEqualTo(132 + 5 * 34);
    assertThat(sheet.getHeight()).isEqualTo(4 * 34);
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(report.at("/mixture/components").asInt()).isEqualTo(4);
    assertThat(report.at("/pca/components").asInt()).isEqualTo(10);
    assertThat(report.at("/pca/explainedVarianceRatio").asDouble()).isBetween(0.3, 1.0);
    assertThat(report.at("/features/extractor").asText()).isEqualTo("pixels 12x12 RGB in [-1, 1]");
    assertThat(report.at("/bicComparison").size()).isEqualTo(2);
    assertThat(report.at("/clusters/sizes/0/images").asInt()).isEqualTo(first.summary().sizes()[0]);
    assertThat(Files.readString(out.resolve("config.yaml")))
        .contains("covariance: full")
        .contains("perCluster: 5");
    assertThat(
            new ObjectMapper()
                .readTree(out.resolve("provenance.json").toFile())
                .get("seed")
                .asLong())
        .isEqualTo(3);

    // A rerun reuses the cached features and gives the same clusters.
    Path features;
    try (var s = Files.list(out.resolve("features"))) {
      features = s.filter(p -> p.toString().endsWith(".f32")).findFirst().orElseThrow();
    }
    long modified = Files.getLastModifiedTime(features).toMillis();
    Clustering.Outcome second = run(yaml);
    assertThat(Files.getLastModifiedTime(features).toMillis()).isEqualTo(modified);
    assertThat(second.labels()).containsExactly(first.labels());

    // The clusters feed a data set: subset with clusters: [c] holds exactly that cluster.
    for (int c : new int[] {0, 3}) {
      DatasetIndex subset =
          load(
              "dataset: {type: subset, source: "
                  + synthetic
                  + ", assignments: "
                  + out.resolve("clusters.csv")
                  + ", clusters: ["
                  + c
                  + "]}\n");
      assertThat(subset.examples()).hasSize(first.summary().sizes()[c]);
      int cluster = c;
      List<String> expected =
          java.util.stream.IntStream.range(0, n)
              .filter(i -> first.labels()[i] == cluster)
              .mapToObj(i -> first.examples().get(i).id())
              .toList();
      assertThat(subset.examples()).extracting(Example::id).containsExactlyElementsOf(expected);
    }
  }

  static int[] shuffled(int[] labels, long seed) {
    int[] out = labels.clone();
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int i = out.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  /** Share of images whose {@code attribute} is their cluster's most common value. */
  static double purity(List<Example> examples, int[] labels, int k, String attribute) {
    List<Map<String, Integer>> counts = new java.util.ArrayList<>();
    for (int c = 0; c < k; c++) {
      counts.add(new java.util.HashMap<>());
    }
    for (int i = 0; i < labels.length; i++) {
      counts.get(labels[i]).merge(examples.get(i).attributes().get(attribute), 1, Integer::sum);
    }
    return counts.stream().mapToInt(m -> m.values().stream().max(Integer::compare).orElse(0)).sum()
        / (double) labels.length;
  }

  @Test
  void clustersRealOxfordImagesWithTheInProjectClassifier() throws Exception {
    Path out = dir.resolve("oxford");
    Clustering.Outcome o =
        run(
            "output: "
                + out
                + "\nseed: 5\n"
                + "dataset: {type: subset, source: {type: oxford102, root: "
                + OXFORD
                + "}, classes: ['1-4']}\n"
                + "features: {type: classifier, steps: 60, size: 32}\npca: {components: 16}\nmixture: {components: 4, covariance: diagonal}\n");
    List<Example> examples = o.examples();
    assertThat(examples).allSatisfy(e -> assertThat(e.classId()).isBetween(1, 4));
    assertThat(examples.size()).isBetween(150, 400);
    assertThat(o.summary().topClasses().get(0))
        .matches("^(pink primrose|hard-leaved pocket orchid|canterbury bells|sweet pea) \\d+.*");
    // Features trained on these four classes separate them far better than chance.
    assertThat(o.summary().purity()).isGreaterThan(o.summary().randomPurity() + 0.15);
    try (var s = Files.list(out.resolve(".extractors"))) {
      assertThat(s.toList()).hasSize(1);
    }
  }

  @Test
  void badConfigurationsAreClearErrors() throws Exception {
    assertThatThrownBy(
            () ->
                run(
                    "dataset: {type: synthetic-flowers, train: 8, test: 2, validation: 0, imageSize: 16}\noutput: "
                        + dir
                        + "\nmixture: {components: 20}\n"))
        .hasMessage(
            "mixture.components: 20 clusters of 10 images (synthetic-flowers, split all) is too many");
    assertThatThrownBy(() -> run("dataset: {type: synthetic-flowers}\nsplit: holdout\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("split");
    assertThatThrownBy(() -> run("dataset: {type: synthetic-flowers}\nfeatures: {type: vgg16}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vgg16")
        .hasMessageContaining("savedmodel");
    assertThatThrownBy(
            () -> run("dataset: {type: synthetic-flowers}\nmixture: {covariance: spherical}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("spherical")
        .hasMessageContaining("diagonal");
  }
}
