package dev.t2i.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.t2i.curation.ClusterConfig;
import dev.t2i.curation.Clustering;
import dev.t2i.examples.plugin.HashedTrigramEncoder;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.Experiment;
import dev.t2i.training.ExperimentConfig;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The examples are smoke tests: every configuration assembles, and the example program runs. */
class ExamplesTest {
  static final Path CONFIGS = Path.of("configs");
  static final Path OXFORD =
      Path.of(System.getProperty("t2i.shared.data", "../../shared/data"), "oxford102");

  /** The examples, and the report's experiments under {@code configs/report}. */
  static Stream<Path> configs() throws Exception {
    return Stream.concat(Files.list(CONFIGS), Files.list(CONFIGS.resolve("report")))
        .filter(p -> p.toString().endsWith(".yaml"))
        .sorted();
  }

  @ParameterizedTest
  @MethodSource("configs")
  void everyConfigurationIsValidAndAssembles(Path file) throws Exception {
    PluginRegistry plugins = PluginRegistry.discover();
    ExperimentConfig config = new ConfigLoader(plugins).read(file, ExperimentConfig.class);
    Experiment e = Experiment.assemble(config, plugins);
    assertThat(e.generator().imageSize()).isEqualTo(64);
    assertThat(config.name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
  }

  static Stream<Path> clusterConfigs() throws Exception {
    return Files.list(Path.of("clusters")).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @ParameterizedTest
  @MethodSource("clusterConfigs")
  void everyClusteringIsValid(Path file) throws Exception {
    ClusterConfig config =
        new ConfigLoader(PluginRegistry.discover()).read(file, ClusterConfig.class);
    assertThat(config.name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
    assertThat(config.mixture().components()).isBetween(2, 102);
  }

  @Test
  void theSyntheticClusteringRuns(@TempDir Path dir) throws Exception {
    PluginRegistry plugins = PluginRegistry.discover();
    String yaml =
        Files.readString(Path.of("clusters", "synthetic-flowers-pixels.yaml"))
                .replace(
                    "dataset: {type: synthetic-flowers}",
                    "dataset: {type: synthetic-flowers, train: 300, test: 60, imageSize: 32}")
            + "output: "
            + dir
            + "\n";
    ClusterConfig config =
        new ConfigLoader(plugins).read(yaml, "synthetic-flowers-pixels.yaml", ClusterConfig.class);
    Clustering.Outcome o = new Clustering(plugins, dev.t2i.api.Progress.Factory.SILENT).run(config);
    assertThat(o.summary().sizes()).hasSize(6);
    assertThat(Files.readAllLines(dir.resolve("bic.csv"))).hasSize(6);
    assertThat(ImageIO.read(dir.resolve("contact-sheet.png").toFile()).getHeight())
        .isEqualTo(6 * 66);
  }

  @Test
  void theCustomEncoderIsUsedFromYaml() throws Exception {
    PluginRegistry plugins = PluginRegistry.discover();
    ExperimentConfig config =
        new ConfigLoader(plugins)
            .read(CONFIGS.resolve("custom-encoder.yaml"), ExperimentConfig.class);
    var encoder = Experiment.assemble(config, plugins).encoder().orElseThrow();
    assertThat(encoder).isInstanceOf(HashedTrigramEncoder.class);
    float[] red = encoder.encode("red petals").values();
    float[] blue = encoder.encode("blue petals").values();
    assertThat(red).hasSize(256).isNotEqualTo(blue);
  }

  @Test
  void trainAndGenerateRunsOnSyntheticFlowers(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("tiny.yaml");
    Files.writeString(
        config,
        Files.readString(CONFIGS.resolve("gan-cls.yaml"))
            .replace(
                "dataset: {type: synthetic-flowers}",
                "dataset: {type: synthetic-flowers, train: 200, test: 40}")
            .replace(
                "generator: {type: dcgan, conditioning: projected}",
                "generator: {type: dcgan, conditioning: projected, ngf: 8}")
            .replace(
                "discriminator: {type: dcgan, text: projected}",
                "discriminator: {type: dcgan, text: projected, ndf: 8}")
            .replace("vectors: {dimension: 400}", "vectors: {dimension: 32, train: {epochs: 1}}"));
    Path png =
        TrainAndGenerate.runExample(
            config.toString(), dir.resolve("run").toString(), "a flower with red petals", "3");
    BufferedImage grid = ImageIO.read(png.toFile());
    assertThat(grid.getWidth()).isGreaterThan(4 * 64);
    assertThat(dir.resolve("run/checkpoints/ckpt-00000003")).isDirectory();
  }

  @Test
  void trainAndGenerateRunsOnTheRealOxfordFlowers(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("oxford.yaml");
    Files.writeString(
        config,
        Files.readString(CONFIGS.resolve("oxford102-gan-cls.yaml"))
            .replace("root: ../shared/data/oxford102", "root: " + OXFORD.toAbsolutePath())
            .replace("vectors: {dimension: 400}", "vectors: {dimension: 64, train: {epochs: 1}}")
            .replace(
                "training: {steps: 6000}",
                "training: {steps: 2, batchSize: 16, samples: {count: 2, perCaption: 2}}"));
    Path png =
        TrainAndGenerate.runExample(
            config.toString(),
            dir.resolve("run").toString(),
            "this flower has white petals and a yellow center");
    assertThat(ImageIO.read(png.toFile()).getHeight()).isGreaterThan(64);
    assertThat(Files.readString(dir.resolve("run/provenance.json")))
        .contains("class-disjoint, seed 0");
    assertThat(List.of(Files.readString(dir.resolve("run/config.yaml"))))
        .allMatch(s -> s.contains("randomCrop: true"));
  }
}
