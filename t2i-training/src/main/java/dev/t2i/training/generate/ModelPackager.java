package dev.t2i.training.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.t2i.encoders.vectors.WordVectorFormat;
import dev.t2i.encoders.vectors.WordVectorReader;
import dev.t2i.encoders.vectors.WordVectorWriter;
import dev.t2i.runtime.ConfigException;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.output.ImageGrid;
import dev.t2i.training.output.MetricsLog;
import dev.t2i.training.output.RunDirectory;
import dev.t2i.training.pretrained.ModelCard;
import dev.t2i.training.pretrained.PretrainedModels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Makes a shipped model from a trained run: the generator's inference weights alone (no
 * discriminator, no optimizer state), the run's configuration, word vectors in half precision,
 * provenance and evaluation report, a reference row of images, and a {@link ModelCard} with every
 * file's SHA-256, written under {@code RESOURCES/t2i/pretrained/NAME/} and listed in {@code
 * RESOURCES/}{@value PretrainedModels#INDEX}. The folder is written beside its place and moved
 * there whole, so a failed packaging leaves the previous model as it was.
 */
public final class ModelPackager {
  /** What the model card says besides what is measured from the run. */
  public record Description(
      String name,
      String summary,
      List<String> canDraw,
      List<String> cannotDraw,
      String referenceCaption) {}

  private static final int REFERENCE_SAMPLES = 4;

  private ModelPackager() {}

  /** Packages the newest checkpoint of {@code run} into {@code resources}, returning its card. */
  public static ModelCard write(Path run, Description d, Path resources, PluginRegistry registry)
      throws IOException, ConfigException {
    Path target = resources.resolve(PretrainedModels.ROOT + d.name());
    Path staging =
        Files.createTempDirectory(
            Files.createDirectories(target.getParent()), "." + d.name() + "-");
    try {
      long step;
      try (TextToImage model = ModelCriteria.run(run).plugins(registry).load()) {
        step = model.step();
        String checkpoint = "checkpoints/" + String.format("ckpt-%08d", step);
        Files.createDirectories(staging.resolve(checkpoint));
        model.session().save(staging.resolve(checkpoint + "/variables").toString());
        Files.copy(
            run.resolve(checkpoint + "/state.json"), staging.resolve(checkpoint + "/state.json"));
      }
      Files.copy(run.resolve("config.yaml"), staging.resolve("config.yaml"));
      copyIfPresent(run.resolve("provenance.json"), staging.resolve("provenance.json"));
      Optional<Path> evaluation = evaluationOf(run, step);
      if (evaluation.isPresent()) {
        Files.copy(evaluation.get(), staging.resolve("evaluation.json"));
      }
      halveVectors(run.resolve("word2vec"), staging.resolve("word2vec"));
      // The reference row comes from the packaged model itself (float16 vectors), as a user loads
      // it.
      try (TextToImage packaged = ModelCriteria.run(staging).plugins(registry).load()) {
        List<BufferedImage> row = packaged.generate(d.referenceCaption(), REFERENCE_SAMPLES, 0);
        ImageGrid.writePng(
            ImageGrid.grid(
                ImageGrid.pack(row, packaged.imageSize()),
                packaged.imageSize(),
                1,
                row.size(),
                null,
                1),
            staging.resolve("reference.png"));
      }
      ModelCard card =
          new ModelCard(
              d.name(),
              d.summary(),
              d.canDraw(),
              d.cannotDraw(),
              step,
              trainingSeconds(run.resolve("metrics.csv"), step),
              files(staging),
              new ModelCard.Reference(d.referenceCaption(), 0, REFERENCE_SAMPLES, "reference.png"));
      Files.writeString(
          staging.resolve(PretrainedModels.CARD),
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(card)
              + "\n");
      RunDirectory.deleteTree(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      list(resources.resolve(PretrainedModels.INDEX), d.name());
      return card;
    } finally {
      RunDirectory.deleteTree(staging);
    }
  }

  /** Σ seconds per step × steps between log rows, up to {@code step}; 0 without metrics. */
  static double trainingSeconds(Path metrics, long step) throws IOException {
    if (!Files.isRegularFile(metrics)) {
      return 0;
    }
    var columns = MetricsLog.read(metrics);
    List<Double> steps = columns.get("step");
    List<Double> perStep = columns.get("seconds_per_step");
    double total = 0;
    double previous = 0;
    for (int i = 0; steps != null && perStep != null && i < steps.size(); i++) {
      if (steps.get(i) > step) {
        break;
      }
      total += perStep.get(i) * (steps.get(i) - previous);
      previous = steps.get(i);
    }
    return Math.round(total * 10) / 10.0;
  }

  private static List<ModelCard.ModelFile> files(Path dir) throws IOException {
    List<ModelCard.ModelFile> files = new ArrayList<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
        files.add(
            new ModelCard.ModelFile(
                dir.relativize(p).toString().replace('\\', '/'),
                Files.size(p),
                PretrainedModels.sha256(p)));
      }
    }
    return files;
  }

  private static void list(Path index, String name) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    if (Files.exists(index)) {
      Files.readAllLines(index, StandardCharsets.UTF_8).stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .forEach(names::add);
    }
    names.add(name);
    Files.createDirectories(index.getParent());
    RunDirectory.writeAtomically(
        index,
        "# models of this jar, one per line: t2i/pretrained/NAME/model.json\n"
            + String.join("\n", names)
            + "\n");
  }

  /**
   * The run's word vectors (already its captions' vocabulary) in half precision: the same file
   * names, the binary float16 layout, half the bytes. Other files (the captions' fingerprints) are
   * copied as they are.
   */
  static void halveVectors(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.sorted().toList()) {
        Path target = to.resolve(f.getFileName());
        if (f.getFileName().toString().endsWith(".bin")) {
          WordVectorWriter.write(
              new WordVectorReader().read(f), target, WordVectorFormat.WORD2VEC_BINARY_FLOAT16);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  /**
   * The {@code t2i eval} report of the packaged checkpoint: {@code eval/step-N/report.json}, else
   * {@code eval/report.json} when it is of the same step; a report of another step is not this
   * model's.
   */
  static Optional<Path> evaluationOf(Path run, long step) throws IOException {
    for (Path report :
        List.of(
            run.resolve(String.format("eval/step-%08d/report.json", step)),
            run.resolve("eval/report.json"))) {
      if (Files.isRegularFile(report)
          && new ObjectMapper().readTree(report.toFile()).path("step").asLong(-1) == step) {
        return Optional.of(report);
      }
    }
    return Optional.empty();
  }

  private static void copyIfPresent(Path from, Path to) throws IOException {
    if (Files.isRegularFile(from)) {
      Files.copy(from, to);
    }
  }
}
