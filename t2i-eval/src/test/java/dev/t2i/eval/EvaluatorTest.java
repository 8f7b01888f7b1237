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
 * other (the colour-pair breakdown adds up to the totals, held-out pairs are the palette's), and
 * the page shows them.
 */
class EvaluatorTest {
  @TempDir Path dir;

  @Test
  void evaluatesARunAndBreaksColourAccuracyDownByPair() throws Exception {
    PluginRegistry registry = TinyRuns.registry();
    Path run = dir.resolve("run");
    String yaml =
        TinyRuns.gan(run, 3, 3)
            .replace("train: 48, test: 16", "train: 240, test: 80")
            .replace(
                "discriminator: {type: dcgan, ndf: 4, textProjection: 4}",
                "discriminator: {type: dcgan, ndf: 4, text: inner-product, minibatchStddev: true}");
    new Trainer(Experiment.assemble(TinyRuns.read(yaml, registry), registry))
        .train(new Trainer.Options(false, List.of()));

    new Evaluator(registry, Progress.Factory.SILENT)
        .evaluate(run, new EvalSettings(80, 2, 1, 60, dir.resolve("cache"), null));

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
        assertThat(e.getValue().get("heldOut").asBoolean())
            .as(e.getKey())
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
      assertThat(heldOutSamples)
          .isEqualTo(generated.get("heldOutPairs").get(attribute).get("samples").asInt());
      // Accuracies are rounded to 4 decimals per pair.
      assertThat(correct / samples)
          .isCloseTo(
              all.get(attribute).get("accuracy").asDouble(),
              org.assertj.core.api.Assertions.within(1e-3));
    }
    // The confusion table holds every scored sample once; its diagonal is the accuracy.
    JsonNode confusion = generated.get("confusion (named value: what the classifier read)");
    for (String attribute : SyntheticEvaluation.ATTRIBUTES) {
      int total = 0;
      int diagonal = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = confusion.get(attribute).fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> row = it.next();
        for (Iterator<Map.Entry<String, JsonNode>> r = row.getValue().fields(); r.hasNext(); ) {
          Map.Entry<String, JsonNode> cell = r.next();
          total += cell.getValue().asInt();
          diagonal += cell.getKey().equals(row.getKey()) ? cell.getValue().asInt() : 0;
        }
      }
      JsonNode a = all.get(attribute);
      assertThat(total).as(attribute).isEqualTo(a.get("samples").asInt());
      if (total > 0) {
        assertThat(diagonal / (double) total)
            .as(attribute)
            .isCloseTo(a.get("accuracy").asDouble(), org.assertj.core.api.Assertions.within(1e-4));
      }
    }
    assertThat(confusion.get("petal_color").size()).isGreaterThanOrEqualTo(3);
    assertThat(
            report.get("classifier").get("accuracyOnRealTestImages").get("petal_color").asDouble())
        .isBetween(0.0, 1.0);
    // Configurations are compared on the validation split unless the test split is asked for.
    assertThat(report.get("split").asText()).isEqualTo("validation");
    // About a quarter of the captions are of sentence forms held out of training: 80 x 2 samples x
    // 1/4.
    assertThat(generated.get("heldOutForms").get("petal_color").get("samples").asInt())
        .isBetween(20, 70);
    JsonNode noise = report.get("noise");
    assertThat(
            noise.get("captions").asInt()
                + noise.get("captionsWithTooFewFittingRealImages").asInt())
        .isEqualTo(80);
    assertThat(noise.get("diversityRatio").asDouble()).isGreaterThanOrEqualTo(0.0);
    assertThat(noise.get("entropyRatio").asDouble()).isGreaterThanOrEqualTo(0.0);
    assertThat(noise.get("untrainedGenerator").get("diversityRatio").asDouble())
        .isGreaterThanOrEqualTo(0.0);
    String page = Files.readString(run.resolve("eval/index.html"));
    assertThat(page)
        .contains("Colour accuracy by (petal, centre) pair")
        .contains("held out of training")
        .contains("samples-0.png")
        .contains("held-out sentence forms")
        .contains("noise: diversityRatio");
  }

  /**
   * A data set with classes in Oxford-102's layout: the report has a group for held-out images of
   * training classes (the validation split) and one for the test split, each with its caption to
   * class accuracy, its Fréchet distance over a floor of real images of the same group, a diversity
   * ratio and memorisation; the page shows them.
   */
  @Test
  void evaluatesADataSetWithClassesByGroupOfCaptions() throws Exception {
    PluginRegistry registry = TinyRuns.registry();
    Path data = dir.resolve("oxford-layout");
    var flowers =
        new dev.t2i.datasets.synthetic.SyntheticFlowersSource(
                new dev.t2i.datasets.synthetic.SyntheticFlowersSettings(3L, 400, 120, 32, null, 0))
            .load();
    dev.t2i.datasets.synthetic.SyntheticFlowersWriter.write(
        flowers, data, 0.95f, Progress.Factory.SILENT);
    Path run = dir.resolve("run");
    String yaml =
        TinyRuns.gan(run, 2, 2)
            .replace(
                "dataset: {type: synthetic-flowers, train: 48, test: 16, imageSize: 32}",
                "dataset: {type: oxford102, root: "
                    + data
                    + ", classCaptions: false, validationImages: 0.2}");
    new Trainer(Experiment.assemble(TinyRuns.read(yaml, registry), registry))
        .train(new Trainer.Options(false, List.of()));

    new Evaluator(registry, Progress.Factory.SILENT)
        .evaluate(run, new EvalSettings(30, 2, 1, 40, dir.resolve("cache"), null));

    JsonNode report = new ObjectMapper().readTree(run.resolve("eval/report.json").toFile());
    JsonNode classifier = report.get("classifier");
    assertThat(classifier.get("top5OnHeldOutRealImages (ceiling)").asDouble())
        .isBetween(classifier.get("top1OnHeldOutRealImages (ceiling)").asDouble(), 1.0);
    JsonNode groups = report.get("groups");
    assertThat(groups.get("heldOutImagesOfTrainingClasses").get("split").asText())
        .isEqualTo("validation");
    assertThat(groups.get("unseenClasses").get("split").asText()).isEqualTo("test");
    for (JsonNode g :
        List.of(groups.get("heldOutImagesOfTrainingClasses"), groups.get("unseenClasses"))) {
      // Captions come from one half of the group's images, at most 30; the other half is the
      // reference.
      assertThat(g.get("captions").asInt()).isBetween(10, 30);
      assertThat(g.get("samplesPerCaption").asInt()).isEqualTo(2);
      JsonNode accuracy = g.get("captionToClass");
      assertThat(accuracy.get("top5").asDouble()).isBetween(accuracy.get("top1").asDouble(), 1.0);
      double fd = g.get("generatedVsReal").get("frechetDistance").asDouble();
      double floor = g.get("realVsReal (floor)").get("frechetDistance").asDouble();
      assertThat(floor).isPositive();
      assertThat(g.get("generatedVsReal").get("generatedSamples").asInt())
          .isEqualTo(g.get("captions").asInt());
      assertThat(g.get("realVsReal (floor)").get("generatedSamples").asInt())
          .isEqualTo(g.get("captions").asInt());
      assertThat(g.get("frechetRatio").asDouble())
          .isCloseTo(fd / floor, org.assertj.core.api.Assertions.within(0.01 * fd / floor + 1e-3));
      // Two training steps draw noise-like images: farther from real flowers than real flowers are
      // from each other.
      assertThat(fd).isGreaterThan(floor);
      assertThat(g.get("diversity").get("ratio").asDouble()).isGreaterThanOrEqualTo(0.0);
      assertThat(g.get("diversity").get("captions").asInt()).isPositive();
      assertThat(g.get("memorisation").get("ratio").asDouble()).isPositive();
    }
    String page = Files.readString(run.resolve("eval/index.html"));
    assertThat(page)
        .contains("heldOutImagesOfTrainingClasses")
        .contains("unseenClasses")
        .contains("FD ratio")
        .contains("samples-1.png");
  }
}
