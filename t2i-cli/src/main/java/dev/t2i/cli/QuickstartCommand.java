package dev.t2i.cli;

import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.Split;
import dev.t2i.datasets.synthetic.FlowerPalette;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.training.ExperimentConfig;
import dev.t2i.training.generate.ModelCriteria;
import dev.t2i.training.generate.TextToImage;
import dev.t2i.training.output.HtmlReport;
import dev.t2i.training.output.ImageGrid;
import dev.t2i.training.output.MetricsLog;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code t2i quickstart}: the whole path on the embedded synthetic flowers, no download: make the
 * data in memory, train word2vec on its captions, train a text-conditioned GAN, and write samples
 * for test sentences (the held-out colour pairs among them) with an HTML page.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description =
        "Synthetic flowers in memory, word2vec on their captions, a text-conditioned GAN, and samples for test sentences on an HTML page. About 10 minutes on 2 cores.")
final class QuickstartCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("t2i");
  static final String CONFIG = "quickstart.yaml";

  @CommandLine.ParentCommand T2i parent;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The run directory (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("runs", "quickstart");

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Training steps (default: the bundled configuration's).")
  Long steps;

  @Option(names = "--resume", description = "Continue an interrupted quickstart.")
  boolean resume;

  @Option(names = "--print-config", description = "Print the bundled configuration and exit.")
  boolean printConfig;

  @Override
  public Integer call() throws Exception {
    String yaml;
    try (InputStream in = QuickstartCommand.class.getResourceAsStream(CONFIG)) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (printConfig) {
      spec.commandLine().getOut().print(yaml);
      return ExitCodes.OK;
    }
    ExperimentConfig config =
        new ConfigLoader(parent.registry())
            .read(yaml, CONFIG, ExperimentConfig.class)
            .withOutput(out);
    if (steps != null) {
      config = config.withTraining(config.training().withSteps(steps));
    }
    long started = System.nanoTime();
    int status = TrainCommand.train(parent, config, resume, null);
    if (status != ExitCodes.OK) {
      return status;
    }
    Path page = report(config, (System.nanoTime() - started) / 1e9);
    spec.commandLine()
        .getOut()
        .printf(
            "quickstart done in %s: open %s%n",
            CliProgress.duration((System.nanoTime() - started) / 1e9), page.toAbsolutePath());
    spec.commandLine()
        .getOut()
        .printf(
            "draw your own sentence: ./t2i generate --run %s --text \"a large flower with blue petals and a "
                + "white center\" -n 4 --out mine.png%n",
            config.output());
    return ExitCodes.OK;
  }

  /** Samples for test sentences and an HTML page beside them. */
  private Path report(ExperimentConfig config, double seconds) throws Exception {
    Path dir = config.output();
    try (TextToImage model = ModelCriteria.run(dir).plugins(parent.registry()).load()) {
      DatasetIndex index = dev.t2i.training.Experiment.assemble(config, parent.registry()).index();
      List<String> heldOut = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (Example e : index.split(Split.TEST)) {
        String p = e.attributes().get("petal_color");
        String c = e.attributes().get("center_color");
        String caption =
            e.captions().stream()
                .filter(x -> x.contains(" " + c + " ") || x.endsWith(" " + c))
                .findFirst()
                .orElse(null);
        if (caption == null) {
          continue;
        }
        List<String> target = FlowerPalette.isHeldOut(p, c) ? heldOut : seen;
        if (target.size() < 6 && target.stream().noneMatch(x -> x.contains(p) && x.contains(c))) {
          target.add(caption);
        }
      }
      int size = model.imageSize();
      HtmlReport html = new HtmlReport("t2i quickstart");
      html.paragraph(
          String.format(
              "Trained %d steps on %d synthetic flowers in %s; samples from the checkpoint of step %d, in inference mode.",
              model.step(),
              index.split(Split.TRAIN).size(),
              CliProgress.duration(seconds),
              model.step()));
      Map<String, List<String>> sets = new LinkedHashMap<>();
      sets.put("Held-out colour pairs (never seen together in training)", heldOut);
      sets.put("Test sentences with colour pairs seen in training", seen);
      int k = 0;
      for (var set : sets.entrySet()) {
        html.heading(set.getKey());
        List<BufferedImage> all = new ArrayList<>();
        for (String caption : set.getValue()) {
          all.addAll(model.generate(caption, 4, 11));
        }
        String name = "samples/quickstart-" + (k++) + ".png";
        ImageGrid.writePng(
            ImageGrid.grid(
                ImageGrid.pack(all, size), size, set.getValue().size(), 4, set.getValue(), 2),
            dir.resolve(name));
        html.image(name, set.getKey());
      }
      html.heading("Interpolation between two sentences (GAN-INT)");
      String a = "this flower has red petals and a yellow center";
      String b = "this flower has blue petals and a white center";
      List<BufferedImage> strip = model.interpolate(a, b, 8, 3);
      ImageGrid.writePng(
          ImageGrid.grid(ImageGrid.pack(strip, size), size, 1, 8, List.of(a + "  →  " + b), 2),
          dir.resolve("samples/interpolation.png"));
      html.image("samples/interpolation.png", "from '" + a + "' to '" + b + "'");
      Path metrics = dir.resolve("metrics.csv");
      if (java.nio.file.Files.exists(metrics)) {
        Map<String, List<Double>> m = MetricsLog.read(metrics);
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        m.forEach(
            (col, v) -> {
              if (!col.equals("step") && !col.equals("seconds_per_step")) {
                curves.put(col, v);
              }
            });
        html.heading("Losses");
        html.plot("losses over training", m.get("step"), curves);
      }
      html.paragraph(
          "Run directory: "
              + dir.toAbsolutePath()
              + ". TensorBoard: tensorboard --logdir "
              + dir.resolve("events"));
      Path page = dir.resolve("index.html");
      html.write(page);
      LOG.info("wrote {}", page);
      return page;
    } catch (IOException e) {
      throw e;
    }
  }
}
