package dev.t2i.datasets.oxford;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.Progress;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.Split;
import dev.t2i.datasets.io.OnError;
import dev.t2i.datasets.synthetic.SyntheticFlowersSettings;
import dev.t2i.datasets.synthetic.SyntheticFlowersSource;
import dev.t2i.datasets.synthetic.SyntheticFlowersWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Oxford102SourceTest {
  static final Path SHARED =
      Path.of(System.getProperty("t2i.shared.data", "../../shared/data"), "oxford102");

  private static DatasetIndex load(Path root, Boolean classCaptions, OnError onError)
      throws Exception {
    return new Oxford102Source(new Oxford102Settings(root, classCaptions, 0L, 20, onError, null))
        .load();
  }

  @Test
  void loadsTheSharedRealData() throws Exception {
    DatasetIndex index = load(SHARED, true, OnError.SKIP);
    assertThat(index.examples()).hasSize(8189);
    assertThat(index.classNames()).hasSize(102).containsEntry(1, "pink primrose");
    assertThat(index.provenance())
        .containsEntry("imagesWithOwnCaptions", "518")
        .containsEntry("imagesWithClassCaptions", "7671");
    assertThat(index.provenance().get("split"))
        .startsWith("class-disjoint, seed 0, test classes [");
    assertThat(index.skipped()).isEmpty();
    Set<Integer> train =
        index.split(Split.TRAIN).stream().map(Example::classId).collect(Collectors.toSet());
    Set<Integer> test =
        index.split(Split.TEST).stream().map(Example::classId).collect(Collectors.toSet());
    assertThat(train).hasSize(82);
    assertThat(test).hasSize(20).doesNotContainAnyElementsOf(train);
    // Held-out images of known flowers: a tenth of every training class, none of the test classes.
    List<Example> validation = index.split(Split.VALIDATION);
    Set<Integer> validationClasses =
        validation.stream().map(Example::classId).collect(Collectors.toSet());
    assertThat(validationClasses).isEqualTo(train);
    int trainingClassImages = index.split(Split.TRAIN).size() + validation.size();
    assertThat(validation.size())
        .isBetween((int) (0.09 * trainingClassImages), (int) (0.11 * trainingClassImages));
    assertThat(index.provenance().get("validation"))
        .startsWith(validation.size() + " images: 0.1 of each training class's images, seed 0");
    Set<String> trainIds =
        index.split(Split.TRAIN).stream().map(Example::id).collect(Collectors.toSet());
    assertThat(validation).noneMatch(e -> trainIds.contains(e.id()));
    Example first = index.examples().get(0);
    assertThat(first.id()).isEqualTo("image_00001");
    assertThat(first.classId()).isEqualTo(77);
    assertThat(first.captions()).hasSize(10);
    BufferedImage im = first.image().read();
    assertThat(Math.min(im.getWidth(), im.getHeight())).isEqualTo(80);
    // Own captions are the text_c10 file's lines.
    Example own =
        index.examples().stream()
            .filter(e -> e.id().equals("image_06734"))
            .findFirst()
            .orElseThrow();
    assertThat(own.captions())
        .isEqualTo(Files.readAllLines(SHARED.resolve("text_c10/class_00001/image_06734.txt")));
    // The split is a function of the seed.
    var other = new Oxford102Source(new Oxford102Settings(SHARED, true, 1L, 20, null, null)).load();
    assertThat(other.provenance().get("split")).isNotEqualTo(index.provenance().get("split"));
  }

  @Test
  void withoutClassCaptionsOnlyImagesWithTheirOwnFileRemain() throws Exception {
    DatasetIndex index = load(SHARED, false, OnError.SKIP);
    assertThat(index.examples()).hasSize(518);
    assertThat(index.skipped()).hasSize(8189 - 518);
    assertThat(index.skipped().get(0).reason()).contains("no caption file of its own");
    assertThatThrownBy(() -> load(SHARED, false, OnError.FAIL))
        .hasMessageContaining("oxford102: image_00001: no caption file of its own");
  }

  @Test
  void readsBackASyntheticDataSetWrittenInItsLayout(@TempDir Path dir) throws Exception {
    DatasetIndex written =
        new SyntheticFlowersSource(new SyntheticFlowersSettings(3L, 20, 6, 64, null, 0)).load();
    SyntheticFlowersWriter.write(written, dir, 0.95f, Progress.Factory.SILENT);
    DatasetIndex read = load(dir, false, OnError.FAIL);
    assertThat(read.examples()).hasSize(26);
    assertThat(read.split(Split.TEST)).hasSize(6);
    assertThat(read.provenance()).containsEntry("split", "per image (splits.txt)");
    for (int i = 0; i < 26; i++) {
      assertThat(read.examples().get(i).captions()).isEqualTo(written.examples().get(i).captions());
      assertThat(read.examples().get(i).classId()).isEqualTo(written.examples().get(i).classId());
    }
    assertThat(read.classNames().get(1)).isEqualTo("red/yellow");
    assertThat(Files.readAllLines(dir.resolve("attributes.tsv")))
        .hasSize(27)
        .first()
        .asString()
        .startsWith("image\tsplit\tpetal_color");
    BufferedImage back = read.examples().get(0).image().read();
    BufferedImage original = written.examples().get(0).image().read();
    assertThat(Math.abs((back.getRGB(32, 32) & 0xff) - (original.getRGB(32, 32) & 0xff)))
        .isLessThan(25);
  }

  @Test
  void readsLabelsFromAMatlabFileCompressedOrNot(@TempDir Path dir) throws Exception {
    for (boolean compressed : new boolean[] {false, true}) {
      Path root = Files.createDirectories(dir.resolve("c" + compressed));
      Files.write(
          root.resolve("imagelabels.mat"), matFile(new double[] {77, 77, 3, 102}, compressed));
      Files.createDirectories(root.resolve("jpg"));
      for (int i = 1; i <= 4; i++) {
        Files.write(root.resolve(String.format("jpg/image_%05d.jpg", i)), new byte[] {1});
        Path cap =
            root.resolve(
                String.format(
                    "text_c10/class_%05d/image_%05d.txt", new int[] {77, 77, 3, 102}[i - 1], i));
        Files.createDirectories(cap.getParent());
        Files.writeString(cap, "a caption\n");
      }
      DatasetIndex index = load(root, false, OnError.FAIL);
      assertThat(index.examples()).extracting(Example::classId).containsExactly(77, 77, 3, 102);
      assertThat(index.provenance()).containsEntry("labels", "imagelabels.mat");
    }
  }

  @Test
  void malformedLabelsFileNamesTheLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("labels.txt"), "image_00001 3\nimage_00002 three\n");
    assertThatThrownBy(() -> load(dir, false, OnError.SKIP))
        .hasMessage(
            "oxford102: "
                + dir.resolve("labels.txt")
                + ":2: expected 'image_XXXXX CLASS', found 'image_00002 three'");
    assertThatThrownBy(() -> load(dir.resolve("nope"), false, OnError.SKIP))
        .hasMessageContaining("no such folder (dataset.root)");
    Files.writeString(dir.resolve("labels.txt"), "image_00001 3\nimage_00002 0\n");
    assertThatThrownBy(() -> load(dir, false, OnError.SKIP))
        .hasMessage(
            "oxford102: "
                + dir.resolve("labels.txt")
                + ":2: class 0 of image_00002; classes count from 1");
    Files.writeString(dir.resolve("labels.txt"), "image_00001 3\nimage_00002 4\nimage_00001 5\n");
    assertThatThrownBy(() -> load(dir, false, OnError.SKIP))
        .hasMessage(
            "oxford102: "
                + dir.resolve("labels.txt")
                + ":3: image_00001 is class 5 here and class 3 on line 1");
    Path secret = Files.writeString(dir.resolve("outside-secret.txt"), "root:x:0:0\n");
    Path linked = Files.createDirectories(dir.resolve("linked"));
    Files.createSymbolicLink(linked.resolve("labels.txt"), secret);
    assertThatThrownBy(() -> load(linked, false, OnError.SKIP))
        .hasMessageContaining("labels.txt: outside the data set's folder")
        .hasMessageNotContaining("root:x");
  }

  @Test
  void missingImagesAndBadCaptionFilesAreSkippedAndCounted(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("labels.txt"), "image_00001 1\nimage_00002 1\nimage_00003 1\nimage_00004 1\n");
    Files.createDirectories(dir.resolve("jpg"));
    Path caps = Files.createDirectories(dir.resolve("text_c10/class_00001"));
    for (int i = 1; i <= 3; i++) {
      Files.write(dir.resolve(String.format("jpg/image_%05d.jpg", i)), new byte[] {1});
    }
    Files.writeString(caps.resolve("image_00001.txt"), "fine\n");
    Files.write(caps.resolve("image_00002.txt"), new byte[] {(byte) 0xff, 'x'});
    Files.writeString(caps.resolve("image_00003.txt"), "\n");
    Files.writeString(caps.resolve("image_00004.txt"), "no image\n");
    DatasetIndex index = load(dir, false, OnError.SKIP);
    assertThat(index.examples()).extracting(Example::id).containsExactly("image_00001");
    assertThat(index.skipped())
        .extracting(s -> s.reason())
        .containsExactlyInAnyOrder(
            "not UTF-8 at byte 0",
            "empty caption file",
            "missing image file",
            "no caption file of its own (text_c10/class_00001/image_00002.txt), and classCaptions is off",
            "no caption file of its own (text_c10/class_00001/image_00003.txt), and classCaptions is off");
  }

  /**
   * Files that lead outside the data set's folder are not read, nor are FIFOs (which would block
   * the reader for ever); both are counted with their reason, not called missing.
   */
  @Test
  @org.junit.jupiter.api.Timeout(60)
  void linksOutOfTheDataSetAndFifosAreRefusedNotRead(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve("oxford"));
    Path secret = Files.writeString(dir.resolve("secret.txt"), "private words outside\n");
    Path outsideImage = Files.write(dir.resolve("outside.jpg"), new byte[] {1});
    Files.writeString(
        root.resolve("labels.txt"), "image_00001 1\nimage_00002 1\nimage_00003 1\nimage_00004 1\n");
    Files.createDirectories(root.resolve("jpg"));
    Path caps = Files.createDirectories(root.resolve("text_c10/class_00001"));
    for (int i = 1; i <= 3; i++) {
      Files.write(root.resolve(String.format("jpg/image_%05d.jpg", i)), new byte[] {1});
    }
    Files.createSymbolicLink(root.resolve("jpg/image_00004.jpg"), outsideImage);
    Files.writeString(caps.resolve("image_00001.txt"), "fine\n");
    Files.createSymbolicLink(caps.resolve("image_00002.txt"), secret);
    assertThat(
            new ProcessBuilder("mkfifo", caps.resolve("image_00003.txt").toString())
                .start()
                .waitFor())
        .isZero();
    Files.writeString(caps.resolve("image_00004.txt"), "an image outside\n");
    DatasetIndex index = load(root, false, OnError.SKIP);
    assertThat(index.examples()).extracting(Example::id).containsExactly("image_00001");
    assertThat(index.examples())
        .flatExtracting(Example::captions)
        .doesNotContain("private words outside");
    assertThat(index.skipped())
        .extracting(s -> s.reason())
        .contains(
            "caption file outside the data set's folder (it leads to "
                + secret.toRealPath()
                + "); not read",
            "caption file not a regular file (a folder, FIFO or device); not read",
            "image outside the data set's folder (it leads to "
                + outsideImage.toRealPath()
                + "); not read");
  }

  /** A MATLAB 5 file holding one 1 × n double matrix named "labels". */
  static byte[] matFile(double[] values, boolean compressed) {
    ByteBuffer m = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
    m.putInt(6).putInt(8).putInt(6).putInt(0); // array flags: class double
    m.putInt(5).putInt(8).putInt(1).putInt(values.length); // dimensions
    m.putInt(1).putInt(6).put("labels".getBytes()).put(new byte[2]); // name, padded to 8 bytes
    m.putInt(9).putInt(8 * values.length);
    for (double v : values) {
      m.putDouble(v);
    }
    byte[] body = java.util.Arrays.copyOf(m.array(), m.position());
    ByteBuffer element = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
    element.putInt(14).putInt(body.length).put(body);
    byte[] payload = element.array();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = new byte[128];
    byte[] text = "MATLAB 5.0 MAT-file, written by a t2i test".getBytes();
    System.arraycopy(text, 0, header, 0, text.length);
    java.util.Arrays.fill(header, text.length, 116, (byte) ' ');
    header[124] = 0;
    header[125] = 1;
    header[126] = 'I';
    header[127] = 'M';
    out.writeBytes(header);
    if (compressed) {
      Deflater d = new Deflater();
      d.setInput(payload);
      d.finish();
      byte[] buf = new byte[4096];
      int n = d.deflate(buf);
      ByteBuffer tag = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(15).putInt(n);
      out.writeBytes(tag.array());
      out.write(buf, 0, n);
    } else {
      out.writeBytes(payload);
    }
    return out.toByteArray();
  }
}
