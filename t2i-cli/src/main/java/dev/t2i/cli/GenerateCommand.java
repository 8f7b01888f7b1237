package dev.t2i.cli;

import dev.t2i.training.generate.ModelCriteria;
import dev.t2i.training.generate.TextToImage;
import dev.t2i.training.output.ImageGrid;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code t2i generate}: sentences to images with a trained run. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Generate images for a sentence with a trained run (--run) or a pretrained model (--model): a row of -n samples, a GAN-INT strip (--to), or the image after each word (--per-word).")
final class GenerateCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("t2i");

  @CommandLine.ParentCommand T2i parent;

  @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** A trained run or a shipped model. */
  static final class Source {
    @Option(
        names = "--run",
        required = true,
        paramLabel = "DIR",
        description = "The run directory.")
    Path run;

    @Option(
        names = "--model",
        required = true,
        paramLabel = "NAME",
        description = "A pretrained model ('t2i models' lists them).")
    String model;
  }

  @Option(names = "--text", required = true, paramLabel = "SENTENCE", description = "What to draw.")
  String text;

  @Option(
      names = "-n",
      paramLabel = "N",
      description = "Samples, each with its own noise (default: ${DEFAULT-VALUE}).")
  int n = 4;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
  long seed = 0;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.png",
      description = "The PNG to write.")
  Path out;

  @Option(
      names = "--separate",
      description = "Write one PNG per sample: FILE-1.png, FILE-2.png, ...")
  boolean separate;

  @Option(
      names = "--to",
      paramLabel = "SENTENCE",
      description = "Interpolate from --text to this sentence (GAN-INT), -n steps.")
  String to;

  @Option(names = "--per-word", description = "The image after each word (sentence models).")
  boolean perWord;

  @Option(
      names = "--step",
      paramLabel = "N",
      description = "Use the checkpoint of this training step (default: the newest).")
  long step = 0;

  @Option(
      names = "--scale",
      paramLabel = "K",
      description = "Pixels per image pixel (default: ${DEFAULT-VALUE}).")
  int scale = 2;

  @Override
  public Integer call() throws Exception {
    if (n < 1 || n > 256) {
      throw new IllegalArgumentException("-n must be in 1..256, was " + n);
    }
    if (scale < 1 || scale > 16) {
      throw new IllegalArgumentException(
          "--scale must be in 1..16 pixels per image pixel, was " + scale);
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException("--text: expected a sentence, got an empty one");
    }
    if (source.model != null && step != 0) {
      throw new IllegalArgumentException(
          "--step: a pretrained model keeps one checkpoint; use --step with --run");
    }
    try (TextToImage model =
        source.model != null
            ? ModelCriteria.pretrained(source.model).plugins(parent.registry()).load()
            : ModelCriteria.run(source.run).plugins(parent.registry()).step(step).load()) {
      int size = model.imageSize();
      var encoding = model.encoding(text);
      List<String> unknown =
          encoding.map(dev.t2i.api.EncodedText::outOfVocabulary).orElse(List.of());
      if (!unknown.isEmpty() && unknown.size() >= encoding.orElseThrow().tokens()) {
        throw new IllegalArgumentException(
            "--text: none of its words is in the model's vocabulary ("
                + String.join(", ", unknown)
                + "); the image would show no sentence. Use the words of its training captions");
      }
      if (!unknown.isEmpty()) {
        LOG.warn("words the model has no vector for, left out: {}", String.join(", ", unknown));
      }
      if (perWord) {
        TextToImage.PerWord pw = model.perWord(text, seed);
        ImageGrid.writePng(
            ImageGrid.strip(
                ImageGrid.pack(pw.images(), size), size, pw.images().size(), pw.words(), scale),
            out);
      } else if (to != null) {
        List<BufferedImage> strip = model.interpolate(text, to, n, seed);
        ImageGrid.writePng(
            ImageGrid.grid(
                ImageGrid.pack(strip, size),
                size,
                1,
                strip.size(),
                List.of(text + "  →  " + to),
                scale),
            out);
      } else {
        List<BufferedImage> images = model.generate(text, n, seed);
        if (separate) {
          String name = out.getFileName().toString().replaceFirst("\\.png$", "");
          for (int i = 0; i < images.size(); i++) {
            ImageGrid.writePng(images.get(i), out.resolveSibling(name + "-" + (i + 1) + ".png"));
          }
        } else {
          ImageGrid.writePng(
              ImageGrid.grid(
                  ImageGrid.pack(images, size), size, 1, images.size(), List.of(text), scale),
              out);
        }
      }
      LOG.info(
          "wrote {} ({} {}, step {})",
          out,
          source.model != null ? "model" : "run",
          source.model != null ? source.model : source.run,
          model.step());
    }
    return ExitCodes.OK;
  }
}
