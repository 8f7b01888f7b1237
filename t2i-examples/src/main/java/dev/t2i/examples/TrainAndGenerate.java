package dev.t2i.examples;

import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.Experiment;
import dev.t2i.training.ExperimentConfig;
import dev.t2i.training.Trainer;
import dev.t2i.training.generate.ModelCriteria;
import dev.t2i.training.generate.TextToImage;
import dev.t2i.training.output.ImageGrid;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Trains an experiment from YAML with the Java API, then turns a sentence into images.
 *
 * <pre>
 * mvn -q -pl t2i-examples exec:java -Dexec.mainClass=dev.t2i.examples.TrainAndGenerate \
 *     -Dexec.args="t2i-examples/configs/dcgan-word2vec-mean.yaml runs/example 'this flower has yellow petals'"
 * </pre>
 */
public final class TrainAndGenerate {
  private TrainAndGenerate() {}

  /**
   * @param args the experiment's YAML file, the run directory, a sentence, and optionally the steps
   * @return the PNG written
   */
  public static Path runExample(String... args) throws Exception {
    Path config = Path.of(args[0]);
    Path run = Path.of(args[1]);
    String sentence = args[2];
    PluginRegistry plugins = PluginRegistry.discover();
    ExperimentConfig experiment =
        new ConfigLoader(plugins)
            .read(
                Files.readString(config, StandardCharsets.UTF_8),
                config.toString(),
                ExperimentConfig.class)
            .withOutput(run);
    if (args.length > 3) {
      experiment =
          experiment.withTraining(experiment.training().withSteps(Long.parseLong(args[3])));
    }
    Trainer.Outcome outcome =
        new Trainer(Experiment.assemble(experiment, plugins))
            .train(new Trainer.Options(false, List.of(event -> {})));
    System.out.println("trained to step " + outcome.step() + " in " + outcome.runDirectory());

    try (TextToImage model = ModelCriteria.run(run).plugins(plugins).load()) {
      List<BufferedImage> images = model.generate(sentence, 4, 1);
      float[] pixels = ImageGrid.pack(images, model.imageSize());
      Path png = run.resolve("example.png");
      ImageGrid.writePng(
          ImageGrid.grid(pixels, model.imageSize(), 1, images.size(), List.of(sentence), 2), png);
      System.out.println("wrote " + png);
      return png;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: TrainAndGenerate CONFIG.yaml RUN_DIR SENTENCE [STEPS]");
      System.exit(2);
    }
    runExample(args);
  }
}
