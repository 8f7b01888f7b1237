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
    return new Flickr30kSource(
            new Flickr30kSettings(root, null, captions, 0.5, 1L, onError, null, null))
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
                        new Flickr30kSettings(
                            root, "../../../../etc", null, 0.5, 1L, OnError.SKIP, null, null))
                    .load())
        .hasMessage("flickr30k: dataset.images: ../../../../etc is not a folder inside " + root);
  }

  private static final String CSV =
      """
      image_name| comment_number| comment
      1000092795.jpg| 0| Two young guys with shaggy hair look at their hands .
      10002456.jpg| 0| A Dog and a man on a beach .
      2199200615.jpg| 0| A puppy runs on green grass near a wooden fence .
      2199200615.jpg| 1| An animal runs across the grass .
      """;

  @Test
  void theOfficialFolderNameIsFoundAsWellAsKagglesAndAMissingOneNamesBoth() throws Exception {
    Files.writeString(root.resolve("results.csv"), CSV);
    assertThat(load(null, OnError.FAIL).provenance())
        .containsEntry("imagesFolder", "flickr30k_images");
    Files.move(root.resolve("flickr30k_images"), root.resolve("flickr30k-images"));
    DatasetIndex index = load(null, OnError.FAIL);
    assertThat(index.examples()).hasSize(3);
    assertThat(index.provenance()).containsEntry("imagesFolder", "flickr30k-images");
    Files.move(root.resolve("flickr30k-images"), root.resolve("pictures"));
    assertThatThrownBy(() -> load(null, OnError.FAIL))
        .hasMessage(
            "flickr30k: "
                + root
                + ": no images folder; expected flickr30k-images (the official archive) or "
                + "flickr30k_images (Kaggle's copy), or name it with dataset.images");
  }

  @Test
  void captionWordsKeepTheImagesWhoseCaptionsNameThemAndMaxImagesSamplesThem() throws Exception {
    Files.writeString(root.resolve("results.csv"), CSV);
    DatasetIndex dogs =
        new Flickr30kSource(
                new Flickr30kSettings(
                    root,
                    null,
                    null,
                    0.5,
                    1L,
                    OnError.FAIL,
                    java.util.List.of("dog", "puppy"),
                    null))
            .load();
    // "Dog" is read as the tokenizer reads captions (lower case); "animal" names neither word.
    assertThat(dogs.examples()).extracting(Example::id).containsExactly("10002456", "2199200615");
    assertThat(dogs.examples().get(1).captions()).hasSize(2);
    assertThat(dogs.provenance())
        .containsEntry(
            "captionWords", "2 of 3 images have a caption that names one of [dog, puppy]")
        .containsEntry("images", "2");
    java.util.function.LongFunction<java.util.List<String>> sample =
        seed -> {
          try {
            return new Flickr30kSource(
                    new Flickr30kSettings(
                        root,
                        null,
                        null,
                        0.5,
                        seed,
                        OnError.FAIL,
                        java.util.List.of("dog", "puppy"),
                        1))
                .load().examples().stream().map(Example::id).toList();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };
    assertThat(sample.apply(3)).hasSize(1).isEqualTo(sample.apply(3));
    java.util.Set<String> drawn = new java.util.HashSet<>();
    for (long seed = 0; seed < 8; seed++) {
      drawn.addAll(sample.apply(seed));
    }
    assertThat(drawn).containsExactlyInAnyOrder("10002456", "2199200615");
  }

  @Test
  void captionWordsMustBeSingleLowerCaseWords() {
    assertThatThrownBy(
            () ->
                new Flickr30kSettings(
                    root,
                    null,
                    null,
                    null,
                    null,
                    null,
                    java.util.List.of("dog", "Golden Retriever"),
                    null))
        .isInstanceOf(dev.t2i.api.InvalidSettingException.class)
        .hasMessageContaining("captionWords[1]")
        .hasMessageContaining("'Golden Retriever' is not one lower-case word");
    assertThatThrownBy(
            () ->
                new Flickr30kSettings(
                    root, null, null, null, null, null, java.util.List.of(), null))
        .hasMessageContaining("captionWords");
  }
}
