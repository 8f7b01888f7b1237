package dev.t2i.datasets.cub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.Split;
import dev.t2i.datasets.io.OnError;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CUB-200-2011 tree in its original layout, written by the test. */
class Cub200SourceTest {
  @TempDir Path root;

  @BeforeEach
  void tree() throws Exception {
    String[] classes = {"001.Black_footed_Albatross", "002.Laysan_Albatross"};
    String[] images = {
      "001.Black_footed_Albatross/Black_Footed_Albatross_0046_18.jpg",
      "001.Black_footed_Albatross/Black_Footed_Albatross_0009_34.jpg",
      "002.Laysan_Albatross/Laysan_Albatross_0002_1027.jpg"
    };
    Files.writeString(root.resolve("classes.txt"), "1 " + classes[0] + "\n2 " + classes[1] + "\n");
    StringBuilder list = new StringBuilder();
    StringBuilder split = new StringBuilder();
    StringBuilder boxes = new StringBuilder();
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < images.length; i++) {
      list.append(i + 1).append(' ').append(images[i]).append('\n');
      split.append(i + 1).append(' ').append(i == 1 ? 0 : 1).append('\n');
      boxes.append(i + 1).append(" 10.0 5.0 40.0 30.0\n");
      labels.append(i + 1).append(' ').append(i < 2 ? 1 : 2).append('\n');
      Path img = root.resolve("images").resolve(images[i]);
      Files.createDirectories(img.getParent());
      BufferedImage b = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
      ImageIO.write(b, "jpg", img.toFile());
      Path cap = root.resolve("text_c10").resolve(images[i].replace(".jpg", ".txt"));
      Files.createDirectories(cap.getParent());
      Files.writeString(cap, "this bird has a white belly\na large bird with long wings\n");
    }
    Files.writeString(root.resolve("images.txt"), list.toString());
    Files.writeString(root.resolve("train_test_split.txt"), split.toString());
    Files.writeString(root.resolve("bounding_boxes.txt"), boxes.toString());
    Files.writeString(root.resolve("image_class_labels.txt"), labels.toString());
  }

  private DatasetIndex load(OnError onError) throws Exception {
    return new Cub200Source(new Cub200Settings(root, null, true, onError, null, null)).load();
  }

  @Test
  void readsTheOriginalLayoutAndCropsToBoxes() throws Exception {
    DatasetIndex index = load(OnError.FAIL);
    assertThat(index.examples())
        .extracting(Example::id)
        .containsExactly(
            "Black_Footed_Albatross_0046_18",
            "Black_Footed_Albatross_0009_34",
            "Laysan_Albatross_0002_1027");
    assertThat(index.examples()).extracting(Example::classId).containsExactly(1, 1, 2);
    assertThat(index.examples())
        .extracting(Example::split)
        .containsExactly(Split.TRAIN, Split.TEST, Split.TRAIN);
    assertThat(index.examples().get(0).captions())
        .containsExactly("this bird has a white belly", "a large bird with long wings");
    BufferedImage im = index.examples().get(0).image().read();
    assertThat(im.getWidth()).isEqualTo(40);
    assertThat(im.getHeight()).isEqualTo(30);
    assertThat(index.classNames()).containsEntry(2, "002.Laysan_Albatross");
    assertThat(index.provenance())
        .containsEntry("split", "train_test_split.txt")
        .containsEntry("classes", "image_class_labels.txt");
  }

  @Test
  void boundingBoxesAreOptionalWithoutCroppingAndLabelsWithoutTheFile() throws Exception {
    Files.delete(root.resolve("bounding_boxes.txt"));
    Files.delete(root.resolve("image_class_labels.txt"));
    DatasetIndex index =
        new Cub200Source(new Cub200Settings(root, null, false, OnError.FAIL, 0.0, null)).load();
    assertThat(index.examples()).extracting(Example::classId).containsExactly(1, 1, 2);
    // Not cropped: the whole 80 x 60 picture.
    assertThat(index.examples().get(0).image().read().getWidth()).isEqualTo(80);
    assertThat(index.provenance())
        .containsEntry("classes", "image folders (no image_class_labels.txt)");
  }

  @Test
  void aLabelThatDisagreesWithTheImagesFolderOrNamesNoClassIsRefused() throws Exception {
    Files.writeString(root.resolve("image_class_labels.txt"), "1 2\n2 1\n3 7\n");
    DatasetIndex index = load(OnError.SKIP);
    assertThat(index.examples())
        .extracting(Example::id)
        .containsExactly("Black_Footed_Albatross_0009_34");
    assertThat(index.skipped())
        .extracting(s -> s.location() + ": " + s.reason())
        .containsExactly(
            root.resolve("image_class_labels.txt")
                + ":1: image 1 is labelled class 2 (002.Laysan_Albatross) but lies in the folder "
                + "of class 1 (001.Black_footed_Albatross)",
            root.resolve("image_class_labels.txt")
                + ":3: class 7 is not in classes.txt (it has 2 classes)");
    assertThatThrownBy(() -> load(OnError.FAIL))
        .hasMessageContaining("image_class_labels.txt:1: image 1 is labelled class 2");
  }

  /**
   * Held-out images of known birds: part of a training class goes to validation, never a test
   * class's, never a whole class.
   */
  @Test
  void holdsOutValidationImagesOfTrainingClasses() throws Exception {
    Files.writeString(root.resolve("trainvalclasses.txt"), "001.Black_footed_Albatross\n");
    Files.writeString(root.resolve("testclasses.txt"), "002.Laysan_Albatross\n");
    DatasetIndex index =
        new Cub200Source(new Cub200Settings(root, null, true, OnError.FAIL, 0.5, 3L)).load();
    assertThat(index.examples())
        .extracting(Example::split)
        .containsExactlyInAnyOrder(Split.TRAIN, Split.VALIDATION, Split.TEST);
    assertThat(index.examples().get(2).split()).isEqualTo(Split.TEST);
    assertThat(index.provenance().get("validation"))
        .isEqualTo(
            "1 images: 0.5 of each training class's images, seed 3 "
                + "(held-out images of known classes)");
  }

  @Test
  void usesReedsClassSplitWhenPresent() throws Exception {
    Files.writeString(root.resolve("trainvalclasses.txt"), "001.Black_footed_Albatross\n");
    Files.writeString(root.resolve("testclasses.txt"), "002.Laysan_Albatross\n");
    DatasetIndex index = load(OnError.FAIL);
    assertThat(index.examples())
        .extracting(Example::split)
        .containsExactly(Split.TRAIN, Split.TRAIN, Split.TEST);
    assertThat(index.provenance()).containsEntry("split", "Reed et al. class split");
  }

  @Test
  void malformedLinesEscapingPathsAndMissingFilesAreSkippedOrFail() throws Exception {
    Files.writeString(
        root.resolve("images.txt"),
        Files.readString(root.resolve("images.txt"))
            + "4 ../../etc/passwd\nfive 001.Black_footed_Albatross/x.jpg\n6 001.Black_footed_Albatross/missing.jpg\n");
    Files.writeString(
        root.resolve("bounding_boxes.txt"),
        Files.readString(root.resolve("bounding_boxes.txt")) + "4 1 2 x 4\n");
    Files.delete(root.resolve("text_c10/002.Laysan_Albatross/Laysan_Albatross_0002_1027.txt"));
    DatasetIndex index = load(OnError.SKIP);
    assertThat(index.examples()).hasSize(2);
    assertThat(index.skipped())
        .extracting(s -> s.reason())
        .containsExactlyInAnyOrder(
            "expected 2 fields starting with a number, found 'five 001.Black_footed_Albatross/x.jpg'",
            "expected 5 fields starting with a number, found '4 1 2 x 4'",
            "path '../../etc/passwd' leaves the images folder",
            "missing image file",
            "missing caption file");
    assertThatThrownBy(() -> load(OnError.FAIL))
        .hasMessageContaining("images.txt:5: expected 2 fields");
  }

  @Test
  void aMissingIndexFileIsAClearError() throws Exception {
    Files.delete(root.resolve("bounding_boxes.txt"));
    assertThatThrownBy(() -> load(OnError.SKIP))
        .hasMessageContaining("bounding_boxes.txt: missing; a CUB-200-2011 folder has");
  }
}
