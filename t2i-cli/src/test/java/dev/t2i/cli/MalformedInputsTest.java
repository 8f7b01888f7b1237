package dev.t2i.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed input in {@code src/test/resources/malformed} (listed in {@code cases.tsv}) gets
 * either a clear error with exit status 2 or the documented skip with exit 0, and never a stack
 * trace alone or an OutOfMemoryError.
 */
class MalformedInputsTest {
  @TempDir Path dir;

  record Case(String file, String kind, int exit, String message) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Path root() throws URISyntaxException {
    return Path.of(MalformedInputsTest.class.getResource("/malformed/cases.tsv").toURI())
        .getParent();
  }

  static Stream<Case> cases() throws Exception {
    return Files.readAllLines(root().resolve("cases.tsv")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.split("\t"))
        .map(f -> new Case(f[0], f[1], Integer.parseInt(f[2]), f[3]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givesAClearErrorOrTheDocumentedSkip(Case c) throws Exception {
    Path input = root().resolve(c.file());
    CliTest.Result r =
        switch (c.kind()) {
          case "config" -> CliTest.t2i("check", input.toString());
          case "vectors" ->
              CliTest.t2i("word2vec", "neighbours", "--vectors", input.toString(), "--word", "red");
          case "image" -> inspect(oxfordTree(input, null), "skip");
          case "caption" -> inspect(oxfordTree(null, input), "skip");
          case "caption-fail" -> inspect(oxfordTree(null, input), "fail");
          case "tree-oxford" ->
              inspect("{type: oxford102, root: " + input + ", classCaptions: false}");
          case "tree-cub" -> inspect("{type: cub200, root: " + input + "}");
          case "tree-flickr" -> inspect("{type: flickr30k, root: " + input + "}");
          default -> throw new IllegalArgumentException(c.kind());
        };
    String all = r.out() + r.err();
    assertThat(r.exit()).as(all).isEqualTo(c.exit());
    assertThat(all).contains(c.message());
    assertThat(all)
        .doesNotContain("\tat ")
        .doesNotContain("OutOfMemoryError")
        .doesNotContain("Exception in thread");
    if (c.exit() == 2) {
      assertThat(r.err()).startsWith("t2i ");
    }
  }

  /**
   * A two-image Oxford-102 tree: image 1 is {@code image} (or a good one), its caption file {@code
   * caption} (or a good one).
   */
  private Path oxfordTree(Path image, Path caption) throws Exception {
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("jpg"));
    Files.createDirectories(tree.resolve("text_c10/class_00001"));
    Files.writeString(
        tree.resolve("labels.txt"),
        image != null ? "image_00001 1\n" : "image_00001 1\nimage_00002 1\n");
    BufferedImage good = new BufferedImage(20, 16, BufferedImage.TYPE_INT_RGB);
    for (int i = 1; i <= 2; i++) {
      Path jpg = tree.resolve(String.format("jpg/image_%05d.jpg", i));
      if (i == 1 && image != null) {
        Files.copy(image, jpg);
      } else {
        ImageIO.write(good, "jpg", jpg.toFile());
      }
      Path txt = tree.resolve(String.format("text_c10/class_00001/image_%05d.txt", i));
      if (i == 1 && caption != null) {
        Files.copy(caption, txt);
      } else {
        Files.writeString(txt, "a flower with red petals\n");
      }
    }
    return tree;
  }

  private CliTest.Result inspect(Path tree, String onError) throws Exception {
    return inspect(
        "{type: oxford102, root: " + tree + ", classCaptions: false, onError: " + onError + "}");
  }

  private CliTest.Result inspect(String dataset) throws Exception {
    Path config = dir.resolve("inspect.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            List.of(
                "output: " + dir.resolve("run"),
                "dataset: " + dataset,
                "generator: {type: dcgan, conditioning: noise}",
                "discriminator: {type: dcgan, text: none}",
                "loss: {type: gan}",
                "")));
    return CliTest.t2i("data", "inspect", config.toString(), "--verify-images");
  }
}
