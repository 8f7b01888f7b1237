package dev.t2i.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.encoders.vectors.WordVectorFormat;
import dev.t2i.encoders.vectors.WordVectorReader;
import dev.t2i.encoders.vectors.WordVectors;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.generate.ModelCriteria;
import dev.t2i.training.generate.ModelPackager;
import dev.t2i.training.generate.TextToImage;
import dev.t2i.training.pretrained.ModelCard;
import dev.t2i.training.pretrained.PretrainedModels;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run packaged as a class-path model draws what the run draws, from its generator's weights alone
 * and its word vectors in half precision.
 */
class ModelPackagerTest {
  static final String CAPTION = "this flower has pink petals and a yellow center";
  final PluginRegistry registry = TinyRuns.registry();
  @TempDir Path dir;
  Path run;
  Path resources;
  ModelCard card;

  @BeforeEach
  void packageATinyRun() throws Exception {
    run = dir.resolve("run");
    new Trainer(Experiment.assemble(TinyRuns.read(TinyRuns.gan(run, 3, 3), registry), registry))
        .train(new Trainer.Options(false, List.of()));
    // As the CLI's metrics log writes it: 0.5 s/step to step 1, then 1.0 s/step to step 3; a later
    // row is past the checkpoint.
    Files.writeString(
        run.resolve("metrics.csv"), "step,seconds_per_step,d,g\n1,0.5,1,1\n3,1.0,1,1\n5,9.0,1,1\n");
    resources = dir.resolve("resources");
    card =
        ModelPackager.write(
            run,
            new ModelPackager.Description(
                "tiny-flowers", "a test", List.of("colours"), List.of("shapes"), CAPTION),
            resources,
            registry);
  }

  private PretrainedModels catalogue() throws IOException {
    return PretrainedModels.of(new URLClassLoader(new URL[] {resources.toUri().toURL()}, null));
  }

  @Test
  void theModelDrawsWhatTheRunDraws() throws Exception {
    assertThat(catalogue().list()).extracting(ModelCard::name).containsExactly("tiny-flowers");
    assertThat(card.step()).isEqualTo(3);
    assertThat(card.trainingSeconds()).isEqualTo(0.5 + 2 * 1.0);
    assertThat(Files.readString(resources.resolve("t2i/pretrained/tiny-flowers/provenance.json")))
        .contains("\"cpu\"");
    assertThat(card.files())
        .extracting(ModelCard.ModelFile::path)
        .contains(
            "config.yaml",
            "provenance.json",
            "reference.png",
            "checkpoints/ckpt-00000003/variables.index",
            "checkpoints/ckpt-00000003/state.json")
        .anyMatch(p -> p.startsWith("word2vec/vectors-"));
    float[] expected;
    try (TextToImage t = ModelCriteria.run(run).plugins(registry).load()) {
      expected = t.generateBatch(List.of(CAPTION, CAPTION), 9);
    }
    try (TextToImage t =
        ModelCriteria.pretrained("tiny-flowers").catalogue(catalogue()).plugins(registry).load()) {
      assertThat(t.step()).isEqualTo(3);
      float[] actual = t.generateBatch(List.of(CAPTION, CAPTION), 9);
      assertThat(actual).hasSameSizeAs(expected);
      // The same weights and noise; only the word vectors' float16 rounding (relative 2^-11)
      // differs.
      assertThat(actual).containsExactly(expected, org.assertj.core.data.Offset.offset(0.01f));
    }
    // Only the generator: no discriminator, no optimizer slots (Adam keeps two per weight).
    long packaged =
        Files.size(
            resources.resolve(
                "t2i/pretrained/tiny-flowers/checkpoints/ckpt-00000003/variables.data-00000-of-00001"));
    long full = Files.size(run.resolve("checkpoints/ckpt-00000003/variables.data-00000-of-00001"));
    assertThat(packaged).isPositive().isLessThan(full / 3);
  }

  @Test
  void theWordVectorsShipInHalfPrecision() throws Exception {
    Path runVectors;
    try (var files = Files.list(run.resolve("word2vec"))) {
      runVectors = files.filter(p -> p.toString().endsWith(".bin")).findFirst().orElseThrow();
    }
    Path shipped =
        resources.resolve("t2i/pretrained/tiny-flowers/word2vec").resolve(runVectors.getFileName());
    assertThat(WordVectorFormat.detect(shipped))
        .isEqualTo(WordVectorFormat.WORD2VEC_BINARY_FLOAT16);
    assertThat(Files.size(shipped)).isLessThan(Files.size(runVectors) * 6 / 10);
    WordVectors full = new WordVectorReader().read(runVectors);
    WordVectors half = new WordVectorReader().read(shipped);
    assertThat(half.words()).isEqualTo(full.words());
    assertThat(half.rawVectors())
        .containsExactly(full.rawVectors(), org.assertj.core.data.Offset.offset(1e-2f));
  }

  /** The card carries the evaluation of the packaged step, never one of another checkpoint. */
  @Test
  void theEvaluationShippedIsTheCheckpointsOwn() throws Exception {
    Path model = resources.resolve("t2i/pretrained/tiny-flowers");
    Files.createDirectories(run.resolve("eval/step-00000003"));
    Files.writeString(run.resolve("eval/report.json"), "{\"step\": 1, \"split\": \"validation\"}");
    ModelPackager.write(
        run,
        new ModelPackager.Description("tiny-flowers", "t", List.of(), List.of(), CAPTION),
        resources,
        registry);
    assertThat(model.resolve("evaluation.json")).doesNotExist();
    Files.writeString(
        run.resolve("eval/step-00000003/report.json"), "{\"step\": 3, \"split\": \"validation\"}");
    ModelPackager.write(
        run,
        new ModelPackager.Description("tiny-flowers", "t", List.of(), List.of(), CAPTION),
        resources,
        registry);
    assertThat(Files.readString(model.resolve("evaluation.json"))).contains("\"step\": 3");
    assertThat(catalogue().card("tiny-flowers").files())
        .extracting(ModelCard.ModelFile::path)
        .contains("evaluation.json");
  }

  @Test
  void aDamagedFileIsRefusedWithItsName() throws Exception {
    Path data =
        resources.resolve(
            "t2i/pretrained/tiny-flowers/checkpoints/ckpt-00000003/variables.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 1;
    Files.write(data, bytes);
    assertThatThrownBy(() -> catalogue().extract("tiny-flowers", dir.resolve("out")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("variables.data-00000-of-00001")
        .hasMessageContaining("SHA-256")
        .hasMessageContaining("its card says");
  }

  @Test
  void anUnknownNameListsTheShippedOnes() {
    assertThatThrownBy(
            () ->
                ModelCriteria.pretrained("oxford").catalogue(catalogue()).plugins(registry).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no pretrained model 'oxford'")
        .hasMessageContaining("available: tiny-flowers");
  }

  @Test
  void packagingAgainReplacesTheModelAndListsItOnce() throws Exception {
    ModelPackager.write(
        run,
        new ModelPackager.Description("tiny-flowers", "again", List.of(), List.of(), CAPTION),
        resources,
        registry);
    assertThat(Files.readAllLines(resources.resolve(PretrainedModels.INDEX)))
        .filteredOn(l -> l.equals("tiny-flowers"))
        .hasSize(1);
    assertThat(catalogue().card("tiny-flowers").summary()).isEqualTo("again");
    try (var left = Files.list(resources.resolve("t2i/pretrained"))) {
      assertThat(left.map(p -> p.getFileName().toString()).toList())
          .containsExactly("tiny-flowers");
    }
  }
}
