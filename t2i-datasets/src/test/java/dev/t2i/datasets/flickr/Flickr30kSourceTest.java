package dev.t2i.datasets.flickr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.Split;
import dev.t2i.datasets.io.OnError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flickr30k trees in both original caption formats, written by the test. */
class Flickr30kSourceTest {
  @TempDir Path root;

  @BeforeEach
  void images() throws Exception {
    Files.createDirectories(root.resolve("flickr30k_images"));
    for (String n : new String[] {"1000092795", "10002456", "2199200615"}) {
      Files.write(root.resolve("flickr30k_images/" + n + ".jpg"), new byte[] {1});
    }
  }

  private DatasetIndex load(String captions, OnError onError) throws Exception {
    return new Flickr30kSource(new Flickr30kSettings(root, null, captions, 0.5, 1L, onError))
        .load();
  }

  @Test
  void readsTheTokenFile() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (String n : new String[] {"1000092795", "10002456"}) {
      for (int i = 0; i < 5; i++) {
        sb.append(n)
            .append(".jpg#")
            .append(i)
            .append('\t')
            .append("Caption ")
            .append(i)
            .append(" of ")
            .append(n)
            .append(" .\n");
      }
    }
    Files.writeString(root.resolve("results_20130124.token"), sb.toString());
    DatasetIndex index = load(null, OnError.FAIL);
    assertThat(index.examples()).extracting(Example::id).containsExactly("1000092795", "10002456");
    assertThat(index.examples().get(0).captions())
        .hasSize(5)
        .first()
        .isEqualTo("Caption 0 of 1000092795 .");
    assertThat(index.provenance()).containsEntry("captionsPerImage", "{5=2}");
  }

  @Test
  void readsTheCsvIncludingTheKnownMalformedRow() throws Exception {
    String csv =
        """
        image_name| comment_number| comment
        1000092795.jpg| 0| Two young guys with shaggy hair look at their hands .
        1000092795.jpg| 1| Two young , White males are outside near many bushes .
        2199200615.jpg| 3| A dog runs on green grass near a wooden fence .
        2199200615.jpg| 4 A dog runs across the grass .
        10002456.jpg| 0| Several men in hard hats are operating a giant pulley system | with a pipe .
        """;
    Files.writeString(root.resolve("results.csv"), csv);
    DatasetIndex index = load(null, OnError.FAIL);
    Example dog =
        index.examples().stream()
            .filter(e -> e.id().equals("2199200615"))
            .findFirst()
            .orElseThrow();
    assertThat(dog.captions())
        .containsExactly(
            "A dog runs on green grass near a wooden fence .", "A dog runs across the grass .");
    Example men =
        index.examples().stream().filter(e -> e.id().equals("10002456")).findFirst().orElseThrow();
    assertThat(men.captions())
        .containsExactly(
            "Several men in hard hats are operating a giant pulley system | with a pipe .");
    assertThat(index.examples()).allMatch(e -> e.classId() == -1);
  }

  @Test
  void splitIsSeededAndStable() throws Exception {
    Files.writeString(
        root.resolve("results.csv"),
        "image_name| comment_number| comment\n"
            + "1000092795.jpg| 0| a\n10002456.jpg| 0| b\n2199200615.jpg| 0| c\n");
    var a = load(null, OnError.FAIL).examples().stream().map(Example::split).toList();
    var b = load(null, OnError.FAIL).examples().stream().map(Example::split).toList();
    assertThat(a).isEqualTo(b).contains(Split.TRAIN);
  }

  @Test
  void malformedRowsAndEscapingNamesAreSkippedOrFail() throws Exception {
    Files.writeString(
        root.resolve("results_20130124.token"),
        "1000092795.jpg#0\tok .\nno tab here\n../../etc/passwd#0\tsneaky\nmissing.jpg#0\tgone\n");
    DatasetIndex index = load(null, OnError.SKIP);
    assertThat(index.examples()).hasSize(1);
    assertThat(index.skipped())
        .extracting(s -> s.reason())
        .containsExactly(
            "expected NAME.jpg#N<TAB>caption",
            "image name '../../etc/passwd' leaves the images folder",
            "missing image file");
    assertThatThrownBy(() -> load(null, OnError.FAIL))
        .hasMessageContaining("results_20130124.token:2: expected NAME.jpg#N<TAB>caption");
    assertThatThrownBy(() -> load("nope.csv", OnError.FAIL))
        .hasMessageContaining("no such caption file");
    // The images folder may not lead out of the data set either.
    assertThatThrownBy(
            () ->
                new Flickr30kSource(
                        new Flickr30kSettings(root, "../../../../etc", null, 0.5, 1L, OnError.SKIP))
                    .load())
        .hasMessage("flickr30k: dataset.images: ../../../../etc is not a folder inside " + root);
  }
}
