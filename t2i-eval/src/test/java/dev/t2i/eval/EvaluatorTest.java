package dev.t2i.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.t2i.api.Progress;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.Experiment;
import dev.t2i.training.TinyRuns;
import dev.t2i.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code t2i eval} end to end on a tiny trained run: the report's figures are consistent with each
 * other (the colour-pair breakdown adds up to the totals, held-out pairs are the palette's), and the
 * page shows them.
 */
class EvaluatorTest {
  @TempDir Path dir;

  @Test
  void evaluatesARunAndBreaksColourAccuracyDownByPair() throws Exception {
    PluginRegistry registry = TinyRuns.registry();
    Path run = dir.resolve("run");
    String yaml = TinyRuns.gan(run, 3, 3)
        .replace("train: 48, test: 16", "train: 240, test: 80")
        .replace("discriminator: {type: dcgan, ndf: 4, textProjection: 4}",
            "discriminator: {type: dcgan, ndf: 4, text: inner-product, minibatchStddev: true}");
    new Trainer(Experiment.assemble(TinyRuns.read(yaml, registry), registry)).train(new Trainer.Options(false, List.of()));

    new Evaluator(registry, Progress.Factory.SILENT).evaluate(run, new EvalSettings(80, 2, 1, 60, dir.resolve("cache"), null));

    JsonNode report = new ObjectMapper().readTree(run.resolve("eval/report.json").toFile());
    assertThat(report.get("step").asInt()).isEqualTo(3);
    JsonNode generated = report.get("generated");
    assertThat(generated.get("captions").asInt()).isEqualTo(80);
    JsonNode all = generated.get("accuracyForMentionedAttributes");
    JsonNode pairs = generated.get("byColourPair");
    // 33 (petal, centre) pairs exist; 80 test flowers cover many of them.
    assertThat(pairs.size()).isBetween(10, 33);
    for (String attribute : List.of("petal_color", "center_color")) {
      double correct = 0;
      int samples = 0;
      int heldOutSamples = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = pairs.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String[] colours = e.getKey().split("/");
        assertThat(e.getValue().get("heldOut").asBoolean()).as(e.getKey())
            .isEqualTo(dev.t2i.datasets.synthetic.FlowerPalette.isHeldOut(colours[0], colours[1]));
        JsonNode a = e.getValue().get(attribute);
        int n = a.get("samples").asInt();
        samples += n;
        heldOutSamples += e.getValue().get("heldOut").asBoolean() ? n : 0;
        correct += n == 0 ? 0 : a.get("accuracy").asDouble() * n;
      }
      // Every caption names the petal colour: 80 captions x 2 samples.
      if (attribute.equals("petal_color")) {
        assertThat(samples).isEqualTo(160);
      }
      assertThat(samples).isEqualTo(all.get(attribute).get("samples").asInt());
      assertThat(heldOutSamples).isEqualTo(generated.get("heldOutPairs").get(attribute).get("samples").asInt());
      // Accuracies are rounded to 4 decimals per pair.
      assertThat(correct / samples).isCloseTo(all.get(attribute).get("accuracy").asDouble(), org.assertj.core.api.Assertions.within(1e-3));
    }
    assertThat(report.get("classifier").get("accuracyOnRealTestImages").get("petal_color").asDouble()).isBetween(0.0, 1.0);
    // Configurations are compared on the validation split unless the test split is asked for.
    assertThat(report.get("split").asText()).isEqualTo("validation");
    // About a quarter of the captions are of sentence forms held out of training: 80 x 2 samples x 1/4.
    assertThat(generated.get("heldOutForms").get("petal_color").get("samples").asInt()).isBetween(20, 70);
    JsonNode noise = report.get("noise");
    assertThat(noise.get("captions").asInt() + noise.get("captionsWithTooFewFittingRealImages").asInt()).isEqualTo(80);
    assertThat(noise.get("diversityRatio").asDouble()).isGreaterThanOrEqualTo(0.0);
    assertThat(noise.get("entropyRatio").asDouble()).isGreaterThanOrEqualTo(0.0);
    assertThat(noise.get("untrainedGenerator").get("diversityRatio").asDouble()).isGreaterThanOrEqualTo(0.0);
    String page = Files.readString(run.resolve("eval/index.html"));
    assertThat(page).contains("Colour accuracy by (petal, centre) pair").contains("held out of training").contains("samples-0.png")
        .contains("held-out sentence forms").contains("noise: diversityRatio");
  }
}
