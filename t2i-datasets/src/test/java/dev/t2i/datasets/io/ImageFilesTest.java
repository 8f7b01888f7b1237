package dev.t2i.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
  @TempDir Path dir;

  static Path resource(String name) throws URISyntaxException {
    return Path.of(ImageFilesTest.class.getResource("/images/" + name).toURI());
  }

  static Path writeImage(Path file, int w, int h, int rgb, String format) throws IOException {
    BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        im.setRGB(x, y, x < w / 2 ? rgb : 0x000000);
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(im, format, file.toFile());
    return file;
  }

  @Test
  void decodesCmykJpegToItsRgbColour() throws Exception {
    BufferedImage im = new FileImage(resource("cmyk.jpg")).read();
    int p = im.getRGB(12, 8);
    // ImageMagick made it from rgb(220, 30, 40).
    assertThat((p >> 16) & 0xff).isBetween(190, 255);
    assertThat((p >> 8) & 0xff).isLessThan(80);
    assertThat(p & 0xff).isLessThan(90);
  }

  @Test
  void decodesGrayscaleJpegAndPng() throws Exception {
    for (String name : new String[] {"gray.jpg", "gray.png"}) {
      BufferedImage im = new FileImage(resource(name)).read();
      assertThat(im.getWidth()).isEqualTo(24);
      int top = im.getRGB(5, 0) & 0xff;
      int bottom = im.getRGB(5, 15) & 0xff;
      assertThat(top).as(name).isGreaterThan(bottom + 150);
    }
  }

  @Test
  void cropsToTheBox() throws Exception {
    Path f = writeImage(dir.resolve("a.png"), 40, 30, 0xff0000, "png");
    BufferedImage im = new FileImage(f, new Rectangle(5, 4, 10, 12)).read();
    assertThat(im.getWidth()).isEqualTo(10);
    assertThat(im.getHeight()).isEqualTo(12);
    assertThat(im.getRGB(0, 0) & 0xffffff).isEqualTo(0xff0000);
  }

  @Test
  void truncatedJpegIsCorruptNotAGreyImage() throws Exception {
    Path f = writeImage(dir.resolve("whole.jpg"), 64, 64, 0x3366cc, "jpg");
    byte[] all = Files.readAllBytes(f);
    Path cut = dir.resolve("cut.jpg");
    Files.write(cut, Arrays.copyOf(all, all.length / 2));
    assertThatThrownBy(() -> new FileImage(cut).read())
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(cut + ": corrupt or truncated image");
  }

  /** A 57-byte PNG whose header claims 26,000 × 26,000 pixels is refused from its header alone. */
  @Test
  @org.junit.jupiter.api.Timeout(10)
  void anImageClaimingTooManyPixelsIsRefusedBeforeDecoding() throws Exception {
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    ihdr.putInt(26_000)
        .putInt(26_000)
        .put((byte) 8)
        .put((byte) 2)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(ihdr.array());
    java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
    png.putInt(0)
        .put("IEND".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .putInt(0xae426082);
    Path f = Files.write(dir.resolve("huge.png"), png.array());
    long started = System.nanoTime();
    assertThatThrownBy(() -> new FileImage(f).read())
        .isInstanceOf(IOException.class)
        .hasMessage(
            f + ": 26000 x 26000 pixels, more than the 40000000 an image may have; not decoded");
    assertThat((System.nanoTime() - started) / 1e9).as("seconds to refuse").isLessThan(2);
  }

  @Test
  void garbageIsNotAnImage() throws Exception {
    Path f = dir.resolve("junk.jpg");
    Files.write(f, "this is not an image".getBytes());
    assertThatThrownBy(() -> new FileImage(f).read())
        .hasMessageContaining("not a JPEG or PNG image");
    Path g = dir.resolve("bad.jpg");
    byte[] header = {
      (byte) 0xFF,
      (byte) 0xD8,
      (byte) 0xFF,
      (byte) 0xE0,
      0,
      16,
      'J',
      'F',
      'I',
      'F',
      0,
      1,
      1,
      0,
      0,
      1,
      0,
      1,
      0,
      0
    };
    Files.write(g, header);
    assertThatThrownBy(() -> new FileImage(g).read())
        .isInstanceOf(IOException.class)
        .hasMessageContaining(g.toString());
  }

  @Test
  void pathsCannotLeaveTheRoot() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.writeString(dir.resolve("secret.txt"), "x");
    assertThat(SafePaths.resolve(root, "a/b.jpg"))
        .contains(root.toAbsolutePath().resolve("a/b.jpg"));
    assertThat(SafePaths.resolve(root, "../secret.txt")).isEmpty();
    assertThat(SafePaths.resolve(root, "a/../../secret.txt")).isEmpty();
    assertThat(SafePaths.resolve(root, "/etc/passwd")).isEmpty();
    assertThat(SafePaths.resolve(root, "")).isEmpty();
    Files.createSymbolicLink(root.resolve("link.txt"), dir.resolve("secret.txt"));
    assertThat(SafePaths.resolve(root, "link.txt")).isEmpty();
  }

  @Test
  void captionFilesAreStrictUtf8AndNeverEmpty() throws Exception {
    LoadLog log = new LoadLog("test", OnError.SKIP);
    Path ok = Files.writeString(dir.resolve("ok.txt"), "a red flower\n\n  a pink one  \r\n");
    assertThat(CaptionFile.read(ok, log)).containsExactly("a red flower", "a pink one");
    Path bad = dir.resolve("bad.txt");
    Files.write(bad, new byte[] {'a', 'b', (byte) 0xC3, '(', '\n'});
    assertThat(CaptionFile.read(bad, log)).isNull();
    Path empty = Files.writeString(dir.resolve("empty.txt"), " \n\n");
    assertThat(CaptionFile.read(empty, log)).isNull();
    assertThat(CaptionFile.read(dir.resolve("missing.txt"), log)).isNull();
    assertThat(log.skipped())
        .extracting(s -> s.reason())
        .containsExactly("not UTF-8 at byte 2", "empty caption file", "missing caption file");
    LoadLog strict = new LoadLog("test", OnError.FAIL);
    assertThatThrownBy(() -> CaptionFile.read(bad, strict))
        .hasMessage(
            "test: "
                + bad
                + ": not UTF-8 at byte 2 (onError: fail; set onError: skip to leave such items out)");
  }
}
