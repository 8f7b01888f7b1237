package dev.t2i.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.t2i.api.train.RunOutcome;
import dev.t2i.datasets.subset.ClusterAssignments;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.Experiment;
import dev.t2i.training.ExperimentConfig;
import dev.t2i.training.Trainer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The report's Flickr30k and CUB-200 experiments ({@code configs/report}) have no data on this
 * machine: each trains 2 steps, unchanged but for its root, steps and batch, on a miniature of its
 * data set in the original layout (the official folder and file names).
 */
class ReportConfigsTest {
  static final Path REPORT = Path.of("configs", "report");
  static final int IMAGES = 12;
  static final String[] CAPTIONS = {
    "a brown dog runs on the grass", "two people walk in a park", "a puppy plays with a ball",
    "a man rides a bike", "a person sits on a bench", "a black dog jumps into the water"
  };

  @TempDir static Path data;
  static Path flickr;
  static Path cub;

  @org.junit.jupiter.api.BeforeAll
  static void miniatures() throws Exception {
    flickr = flickr30k(data.resolve("flickr30k"));
    cub = cub200(data.resolve("CUB_200_2011"));
  }

  static Stream<Path> experiments() throws Exception {
    return Files.list(REPORT)
        .filter(p -> p.getFileName().toString().matches("(flickr30k|cub200)-.*\\.yaml"))
        .sorted();
  }

  @ParameterizedTest
  @MethodSource("experiments")
  void trainsOnAMiniatureInTheOriginalLayout(Path file, @TempDir Path run) throws Exception {
    String yaml =
        Files.readString(file)
                .replace("root: data/flickr30k", "root: " + flickr)
                .replace("root: data/CUB_200_2011", "root: " + cub)
                .replace(
                    "assignments: runs/flickr30k-vgg16/clusters.csv",
                    "assignments: " + flickr.resolve("clusters.csv"))
                .replaceAll("steps: \\d+", "steps: 2")
                .replace("batchSize: 64", "batchSize: 4")
                .replace(
                    "vectors: {dimension: 400}",
                    "vectors: {dimension: 16, train: {epochs: 1, minCount: 1}}")
            + "output: "
            + run
            + "\n";
    PluginRegistry plugins = PluginRegistry.discover();
    ExperimentConfig config =
        new ConfigLoader(plugins).read(yaml, file.getFileName().toString(), ExperimentConfig.class);
    Trainer.Outcome outcome =
        new Trainer(Experiment.assemble(config, plugins))
            .train(new Trainer.Options(false, List.of()));
    assertThat(outcome.outcome()).isEqualTo(RunOutcome.COMPLETED);
    assertThat(outcome.step()).isEqualTo(2);
    assertThat(run.resolve("checkpoints/ckpt-00000002")).isDirectory();
    String provenance = Files.readString(run.resolve("provenance.json"));
    if (file.getFileName().toString().equals("flickr30k-person-dog-dcgan.yaml")) {
      // Captions 0, 2, 4 and 5 of every 6 name a dog, a puppy or a person: 8 of the 12 images.
      assertThat(provenance)
          .contains("8 of 12 images have a caption that names one of [dog, dogs, puppy, person]");
    } else {
      assertThat(provenance).doesNotContain("captionWords");
    }
  }

  /** Flickr30k as the official archive unpacks: flickr30k-images/ and results_20130124.token. */
  static Path flickr30k(Path root) throws Exception {
    Files.createDirectories(root.resolve("flickr30k-images"));
    StringBuilder token = new StringBuilder();
    List<String> clusters = new ArrayList<>(List.of(String.join(",", ClusterAssignments.HEADER)));
    for (int i = 0; i < IMAGES; i++) {
      String id = Integer.toString(1000092795 + i);
      picture(root.resolve("flickr30k-images").resolve(id + ".jpg"), i);
      for (int c = 0; c < 5; c++) {
        String caption = c == 0 ? CAPTIONS[i % CAPTIONS.length] : "an outdoor scene number " + c;
        token.append(id).append(".jpg#").append(c).append('\t').append(caption).append(" .\n");
      }
      clusters.add(id + ",train,-1," + (i % 2 == 1 ? 3 : 0) + ",0.9");
    }
    Files.writeString(root.resolve("results_20130124.token"), token);
    Files.write(root.resolve("clusters.csv"), clusters);
    return root;
  }

  /** CUB-200-2011's own files, with Reed's text_c10/ captions inside it. */
  static Path cub200(Path root) throws Exception {
    Files.createDirectories(root);
    String[] classes = {"001.Black_footed_Albatross", "002.Laysan_Albatross"};
    Files.writeString(
        root.resolve("classes.txt"),
        "1 " + classes[0] + "\n2 " + classes[1] + "\n",
        java.nio.file.StandardOpenOption.CREATE_NEW);
    StringBuilder images = new StringBuilder();
    StringBuilder labels = new StringBuilder();
    StringBuilder split = new StringBuilder();
    for (int i = 0; i < IMAGES; i++) {
      int c = i % 2;
      String relative = classes[c] + "/" + classes[c].substring(4) + "_" + i + ".jpg";
      picture(root.resolve("images").resolve(relative), i);
      Path text = root.resolve("text_c10").resolve(relative.replace(".jpg", ".txt"));
      Files.createDirectories(text.getParent());
      StringBuilder captions = new StringBuilder();
      for (int k = 0; k < 10; k++) {
        captions
            .append("this bird has a white belly and ")
            .append(k % 2 == 0 ? "long" : "grey")
            .append(" wings\n");
      }
      Files.writeString(text, captions);
      images.append(i + 1).append(' ').append(relative).append('\n');
      labels.append(i + 1).append(' ').append(c + 1).append('\n');
      split.append(i + 1).append(' ').append(i < 8 ? 1 : 0).append('\n');
    }
    Files.writeString(root.resolve("images.txt"), images);
    Files.writeString(root.resolve("image_class_labels.txt"), labels);
    Files.writeString(root.resolve("train_test_split.txt"), split);
    return root;
  }

  private static void picture(Path file, int seed) throws Exception {
    Files.createDirectories(file.getParent());
    BufferedImage b = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
    SplittableRandom r = new SplittableRandom(seed);
    Graphics2D g = b.createGraphics();
    g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
    g.fillRect(0, 0, 80, 60);
    g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
    g.fillOval(10 + r.nextInt(20), 10 + r.nextInt(10), 30, 30);
    g.dispose();
    ImageIO.write(b, "jpg", file.toFile());
  }
}
