package dev.t2i.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.train.TrainingEvent;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.generate.ModelCriteria;
import dev.t2i.training.generate.TextToImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every variant of the report's sentence model builds and trains a few steps on tiny shapes. */
class SentenceModelTest {
  final PluginRegistry registry = TinyRuns.registry();
  @TempDir Path dir;

  static String config(
      Path out, boolean share, String placement, String layout, int k, String loss) {
    return """
        name: sentence
        seed: 3
        output: %s
        dataset: {type: synthetic-flowers, train: 24, test: 8, imageSize: 32}
        encoder:
          type: word2vec-sequence
          steps: 6
          vectors: {dimension: 8, train: {epochs: 1, minCount: 1, threads: 1}}
        generator:
          type: convlstm
          shareParameters: %s
          placement: %s
          filters: %d
          batchNorm: %s
          network: {type: dcgan, conditioning: text, ngf: 4, imageSize: 32}
        discriminator: {type: dcgan, text: none, ndf: 4}
        loss: %s
        training:
          batchSize: 4
          steps: 4
          discriminatorSteps: %d
          discriminatorReals: random
          threads: 1
          logEvery: 1
          sampleEvery: 0
          checkpointEvery: 4
          samples: {count: 1, perCaption: 1}
        pipeline: {workers: 1, prefetch: 2}
        """
        .formatted(out, share, placement, placement.equals("output") ? 3 : 4, layout, loss, k);
  }

  static final String PENALTY =
      "{type: weighted, terms: [{loss: {type: gan}}, {weight: 10, loss: {type: l2}}]}";
  static final String MEAN =
      "{type: weighted, terms: [{loss: {type: gan}}, {loss: {type: l2, target: step-mean}}]}";
  static final String ORIGINAL =
      "{type: weighted, terms: [{loss: {type: gan}}, {weight: 1, loss: {type: l2}}]}";

  static Stream<Arguments> variants() {
    List<Arguments> out = new ArrayList<>();
    for (boolean share : new boolean[] {true, false}) {
      for (String placement : new String[] {"last-layer", "penultimate"}) {
        for (String layout : new String[] {"batch-major", "length-major"}) {
          out.add(Arguments.of(share, placement, layout, 1, PENALTY));
        }
      }
    }
    out.add(Arguments.of(true, "last-layer", "length-major", 2, PENALTY));
    out.add(Arguments.of(true, "last-layer", "length-major", 1, MEAN));
    out.add(Arguments.of(false, "penultimate", "batch-major", 1, ORIGINAL));
    out.add(Arguments.of(true, "output", "length-major", 1, PENALTY));
    return out.stream();
  }

  @ParameterizedTest(name = "share {0}, {1}, {2}, k = {3}, loss {4}")
  @MethodSource("variants")
  void trainsAndItsLossesMove(boolean share, String placement, String layout, int k, String loss)
      throws Exception {
    Path run = dir.resolve("run");
    List<Map<String, Float>> losses = new ArrayList<>();
    Experiment e =
        Experiment.assemble(
            TinyRuns.read(config(run, share, placement, layout, k, loss), registry), registry);
    new Trainer(e)
        .train(
            new Trainer.Options(
                false,
                List.of(
                    ev -> {
                      if (ev instanceof TrainingEvent.StepCompleted s) {
                        losses.add(s.losses());
                      }
                    })));
    assertThat(losses).hasSize(4);
    assertThat(losses).allSatisfy(l -> assertThat(l.values()).allMatch(Float::isFinite));
    assertThat(losses.get(3).get("g")).isNotEqualTo(losses.get(0).get("g"));
    assertThat(losses.get(3).get("d")).isNotEqualTo(losses.get(0).get("d"));
    assertThat(losses.get(0)).containsKeys("d_real", "d_fake", "g_adversarial", "g_l2");
    try (TextToImage model = ModelCriteria.run(run).plugins(registry).load()) {
      TextToImage.PerWord pw = model.perWord("this flower has pink petals and a yellow center", 1);
      assertThat(pw.words()).containsExactly("this", "flower", "has", "pink", "petals", "and");
      assertThat(pw.images()).hasSize(6);
      assertThat(pw.images().get(0).getWidth()).isEqualTo(32);
      assertThat(model.generate("red petals")).isNotNull();
    }
  }

  /**
   * Without the GNN (the report's "DCGAN + ConvLSTM without GNN", and "DCGAN only, with 5-D inputs"
   * with placement none), every word's image is a fake and the loss is the GAN's alone.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"last-layer", "none"})
  void trainsWithoutTheGnn(String placement) throws Exception {
    Path run = dir.resolve("run");
    String yaml =
        config(run, true, placement, "length-major", 1, "{type: gan}")
            .replace("  shareParameters: true\n", "  shareParameters: true\n  gnn: false\n");
    assertThat(yaml).contains("gnn: false");
    List<Map<String, Float>> losses = new ArrayList<>();
    new Trainer(Experiment.assemble(TinyRuns.read(yaml, registry), registry))
        .train(
            new Trainer.Options(
                false,
                List.of(
                    ev -> {
                      if (ev instanceof TrainingEvent.StepCompleted s) {
                        losses.add(s.losses());
                      }
                    })));
    assertThat(losses).hasSize(4);
    assertThat(losses).allSatisfy(l -> assertThat(l.values()).allMatch(Float::isFinite));
    assertThat(losses.get(0)).containsKeys("d_real", "d_fake").doesNotContainKey("g_l2");
    assertThat(losses.get(3).get("g")).isNotEqualTo(losses.get(0).get("g"));
  }

  /** The refusal does not depend on the sentence model's variant: every one is refused. */
  @ParameterizedTest(name = "share {0}, {1}, {2}, k = {3}, loss {4}")
  @MethodSource("variants")
  void aDiscriminatorThatReadsTextIsRefused(
      boolean share, String placement, String layout, int k, String loss) {
    String yaml =
        config(dir.resolve("run"), share, placement, layout, k, loss)
            .replace(
                "discriminator: {type: dcgan, text: none, ndf: 4}",
                "discriminator: {type: dcgan, text: projected, ndf: 4}");
    assertThat(yaml).contains("text: projected");
    assertThatThrownBy(() -> Experiment.assemble(TinyRuns.read(yaml, registry), registry))
        .hasMessageContaining(
            "the generator shows it one image per word, not per caption: set discriminator text: none");
  }
}
