package dev.t2i.encoders.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WordVectorFilesTest {
  @TempDir Path dir;

  private static WordVectors random(int n, int dim, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n * dim];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian() * (i % 7 == 0 ? 1e-7f : 1f);
    }
    List<String> words = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      words.add(i == 3 ? "flower's" : i == 4 ? "naïve" : "w" + i);
    }
    return new WordVectors(words, v, dim);
  }

  @ParameterizedTest
  @EnumSource(
      value = WordVectorFormat.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = "WORD2VEC_BINARY_FLOAT16")
  void writeThenReadIsExact(WordVectorFormat format) throws Exception {
    WordVectors v = random(50, 17, 1);
    Path f = dir.resolve("v." + format.id());
    WordVectorWriter.write(v, f, format);
    WordVectors back = new WordVectorReader().read(f, format);
    assertThat(back.words()).isEqualTo(v.words());
    assertThat(back.dimension()).isEqualTo(17);
    assertThat(back.rawVectors()).containsExactly(v.rawVectors());
    assertThat(WordVectorFormat.detect(f)).isEqualTo(format);
  }

  @Test
  void float16KeepsHalfPrecisionInHalfTheBytes() throws Exception {
    WordVectors v = random(50, 17, 1);
    Path f32 = dir.resolve("v.bin");
    Path f16 = dir.resolve("v16.bin");
    WordVectorWriter.write(v, f32, WordVectorFormat.WORD2VEC_BINARY);
    WordVectorWriter.write(v, f16, WordVectorFormat.WORD2VEC_BINARY_FLOAT16);
    assertThat(WordVectorFormat.detect(f16)).isEqualTo(WordVectorFormat.WORD2VEC_BINARY_FLOAT16);
    assertThat(Files.readString(f16, StandardCharsets.ISO_8859_1)).startsWith("50 17 float16\n");
    // 50 x 17 values: 4 bytes each against 2; words, spaces and newlines are the same in both
    assertThat(Files.size(f32) - Files.size(f16)).isEqualTo(50L * 17 * 2 - " float16".length());
    WordVectors back = new WordVectorReader().read(f16);
    assertThat(back.words()).isEqualTo(v.words());
    float[] a = v.rawVectors();
    float[] b = back.rawVectors();
    for (int i = 0; i < a.length; i++) {
      // half precision: 11 significant bits (relative error <= 2^-11), subnormals below 6.1e-5 in
      // steps of 6e-8
      assertThat(b[i])
          .isCloseTo(a[i], org.assertj.core.data.Offset.offset(Math.abs(a[i]) * 0x1p-11f + 3e-8f));
    }
    WordVectors exact =
        new WordVectors(List.of("a"), new float[] {0.5f, -2f, 1024f, 0f, 0.0999755859375f}, 5);
    WordVectorWriter.write(exact, f16, WordVectorFormat.WORD2VEC_BINARY_FLOAT16);
    assertThat(new WordVectorReader().read(f16).rawVectors()).containsExactly(exact.rawVectors());
  }

  @Test
  void float16HeaderWithoutItsTagIsRefused() throws Exception {
    Path f = dir.resolve("v16.bin");
    Files.write(f, "1 2 float32\nw \0\0\0\0\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(
            () -> new WordVectorReader().read(f, WordVectorFormat.WORD2VEC_BINARY_FLOAT16))
        .hasMessageContaining(f.toString())
        .hasMessageContaining("VOCAB DIMENSION float16")
        .hasMessageContaining("1 2 float32");
  }

  @Test
  void keepOnlyStoresJustTheGivenWords() throws Exception {
    WordVectors v = random(1000, 8, 2);
    Path f = dir.resolve("v.bin");
    WordVectorWriter.write(v, f, WordVectorFormat.WORD2VEC_BINARY);
    WordVectors kept = new WordVectorReader().keepOnly(Set.of("w10", "w999", "absent")).read(f);
    assertThat(kept.words()).containsExactly("w10", "w999");
    assertThat(kept.rawVectors()).hasSize(16);
    assertThat(kept.vector(1)).containsExactly(v.vector(999));
  }

  @Test
  void binaryToleratesInvalidUtf8InWords() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("2 2\n".getBytes(StandardCharsets.US_ASCII));
    out.write(new byte[] {'o', 'k', ' '});
    out.write(floats(1f, 2f));
    out.write('\n');
    out.write(new byte[] {'b', (byte) 0xff, (byte) 0xfe, ' '});
    out.write(floats(3f, 4f));
    Path f = dir.resolve("bad-utf8.bin");
    Files.write(f, out.toByteArray());
    WordVectors v = new WordVectorReader().read(f);
    assertThat(v.words()).containsExactly("ok", "b\uFFFD\uFFFD");
    assertThat(v.vector(1)).containsExactly(3f, 4f);
  }

  @Test
  void gloveTakesTheDimensionFromTheFirstLineAndTheVectorFromTheLastFields() throws Exception {
    Path f = dir.resolve("glove.txt");
    Files.writeString(f, "the 0.1 0.2 0.3\n. . . 1 2 3\nred -1 0 1e-3\n");
    WordVectors v = new WordVectorReader().read(f);
    assertThat(v.dimension()).isEqualTo(3);
    assertThat(v.words()).containsExactly("the", ". . .", "red");
    assertThat(v.vector(2)).containsExactly(-1f, 0f, 1e-3f);
  }

  @Test
  void nearestNeighboursAreByCosine() {
    WordVectors v = new WordVectors(List.of("a", "b", "c"), new float[] {1, 0, 10, 1, 0, 1}, 2);
    assertThat(v.nearest("a", 2)).extracting(WordVectors.Neighbour::word).containsExactly("b", "c");
  }

  // ---- malformed files: each error names the place and what was expected ----

  @Test
  void headerClaimingABillionWordsFailsBeforeAllocating() throws Exception {
    Path f = dir.resolve("huge.bin");
    Files.write(
        f,
        concat(
            "1000000000 400\n".getBytes(StandardCharsets.US_ASCII),
            new byte[] {'a', ' '},
            new byte[1600]));
    long before = usedHeap();
    assertThatThrownBy(() -> new WordVectorReader().read(f, WordVectorFormat.WORD2VEC_BINARY))
        .isInstanceOf(WordVectorsException.class)
        .hasMessageContaining(
            "huge.bin: at byte 0: header claims 1000000000 words of dimension 400")
        .hasMessageContaining("the file has 1602 after its header");
    assertThat(usedHeap() - before).isLessThan(64L << 20);
  }

  @Test
  void headerClaimingAMillionDimensionsFails() throws Exception {
    Path f = dir.resolve("wide.bin");
    Files.write(f, concat("3 1000000\n".getBytes(StandardCharsets.US_ASCII), new byte[100]));
    assertThatThrownBy(() -> new WordVectorReader().read(f, WordVectorFormat.WORD2VEC_BINARY))
        .hasMessageContaining("wide.bin: header: dimension 1000000 is outside 1..10000");
    Path t = dir.resolve("wide.txt");
    Files.writeString(t, "3 1000000\na 1 2\n");
    assertThatThrownBy(() -> new WordVectorReader().read(t, WordVectorFormat.WORD2VEC_TEXT))
        .hasMessageContaining("wide.txt: line 1: dimension 1000000 is outside 1..10000");
  }

  @Test
  void truncatedBinaryFileNamesTheOffsetAndWord() throws Exception {
    WordVectors v = random(3, 4, 3);
    Path f = dir.resolve("whole.bin");
    WordVectorWriter.write(v, f, WordVectorFormat.WORD2VEC_BINARY);
    byte[] all = Files.readAllBytes(f);
    // Cut after the second word: the header's claim no longer fits the file.
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, java.util.Arrays.copyOf(all, 4 + 20 + 20));
    assertThatThrownBy(() -> new WordVectorReader().read(cut, WordVectorFormat.WORD2VEC_BINARY))
        .isInstanceOf(WordVectorsException.class)
        .hasMessageContaining(
            "cut.bin: at byte 0: header claims 3 words of dimension 4, which need at least 54 bytes; the file has 40");
    // A plausible size, but the file ends inside a vector.
    Path inside = dir.resolve("inside.bin");
    Files.write(inside, concat("1 4\nlongword ".getBytes(StandardCharsets.US_ASCII), new byte[9]));
    assertThatThrownBy(() -> new WordVectorReader().read(inside, WordVectorFormat.WORD2VEC_BINARY))
        .isInstanceOf(WordVectorsException.class)
        .hasMessage(
            inside
                + ": at byte 22: truncated: word 1 ('longword') needs 16 bytes of floats, the file ends first");
  }

  @Test
  void binaryVectorsMustBeFiniteAndTheHeaderMustCountEveryWord() throws Exception {
    // word2vec's binary layout: "V D\n", then each word, a space, D little-endian floats, a
    // newline.
    java.nio.ByteBuffer nan =
        java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    nan.putFloat(1f).putFloat(Float.NaN);
    Path f = dir.resolve("nan.bin");
    Files.write(
        f,
        concat(
            concat("1 2\nred ".getBytes(StandardCharsets.US_ASCII), nan.array()),
            new byte[] {'\n'}));
    assertThatThrownBy(() -> new WordVectorReader().read(f, WordVectorFormat.WORD2VEC_BINARY))
        .isInstanceOf(WordVectorsException.class)
        .hasMessage(
            f + ": at byte 12: value 2 of word 'red' is NaN; word vectors must be finite numbers");

    WordVectors v = random(8, 4, 5);
    Path eight = dir.resolve("eight.bin");
    WordVectorWriter.write(v, eight, WordVectorFormat.WORD2VEC_BINARY);
    String text = new String(Files.readAllBytes(eight), StandardCharsets.ISO_8859_1);
    Path three = dir.resolve("three.bin");
    Files.write(
        three, ("3" + text.substring(text.indexOf(' '))).getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> new WordVectorReader().read(three, WordVectorFormat.WORD2VEC_BINARY))
        .isInstanceOf(WordVectorsException.class)
        .hasMessageContaining(
            "the header promises 3 words, and the file goes on after the last of them");
    assertThat(new WordVectorReader().read(eight, WordVectorFormat.WORD2VEC_BINARY).size())
        .isEqualTo(8);
  }

  @Test
  void aTextLineLongerThanAnyVectorIsRefusedAsItStreams() throws Exception {
    Path f = dir.resolve("long.txt");
    try (var out = Files.newBufferedWriter(f)) {
      out.write("2 3\nred 1 2 3\n");
      char[] chunk = new char[1 << 16];
      Arrays.fill(chunk, '7');
      for (int i = 0; i < 64; i++) { // a 4 MB line: read whole, it would be 8 MB of heap and more
        out.write(chunk);
      }
    }
    assertThatThrownBy(() -> new WordVectorReader().read(f, WordVectorFormat.WORD2VEC_TEXT))
        .isInstanceOf(WordVectorsException.class)
        .hasMessageContaining("long.txt:3: line longer than 1048576 characters");
  }

  @Test
  void truncatedTextFileSaysHowManyWordsWereAnnounced() throws Exception {
    Path f = dir.resolve("short.txt");
    Files.writeString(f, "3 2\na 1 2\nb 3 4\n" + " ".repeat(20));
    assertThatThrownBy(() -> new WordVectorReader().read(f, WordVectorFormat.WORD2VEC_TEXT))
        .hasMessageContaining(
            "short.txt:4: truncated: the header announced 3 words, the file has 2");
  }

  @Test
  void nonNumericFieldNamesLineAndField() throws Exception {
    Path f = dir.resolve("nan.txt");
    Files.writeString(f, "2 3\nred 1 2 3\nblue 1 x2 3\n");
    assertThatThrownBy(() -> new WordVectorReader().read(f, WordVectorFormat.WORD2VEC_TEXT))
        .hasMessage(f + ":3: field 3 of word 'blue': 'x2' is not a number");
    Path g = dir.resolve("inf.txt");
    Files.writeString(g, "red 1 Infinity\n");
    assertThatThrownBy(() -> new WordVectorReader().read(g, WordVectorFormat.GLOVE))
        .hasMessageContaining(
            "inf.txt:1: field 3 of word 'red' is Infinity; vectors must be finite");
  }

  @Test
  void tooFewFieldsOnALine() throws Exception {
    Path f = dir.resolve("few.txt");
    Files.writeString(f, "red 1 2 3\nblue 1 2\n");
    assertThatThrownBy(() -> new WordVectorReader().read(f, WordVectorFormat.GLOVE))
        .hasMessage(f + ":2: expected a word and 3 numbers, found 3 fields");
  }

  @Test
  void dimensionDifferentFromTheConfigNamesBoth() throws Exception {
    WordVectors v = random(3, 300, 4);
    Path f = dir.resolve("v300.bin");
    WordVectorWriter.write(v, f, WordVectorFormat.WORD2VEC_BINARY);
    assertThatThrownBy(() -> new WordVectorReader().expectDimension(400).read(f))
        .hasMessageContaining(
            "v300.bin: header: the vectors have dimension 300, but 400 is configured");
  }

  @Test
  void garbageHeaderIsRefused() throws Exception {
    Path f = dir.resolve("junk.bin");
    Files.write(f, new byte[] {'G', 'I', 'F', '8', '9', 'a', '\n', 1, 2});
    assertThatThrownBy(() -> new WordVectorReader().read(f, WordVectorFormat.WORD2VEC_BINARY))
        .hasMessage(f + ": at byte 0: expected a header 'VOCAB DIMENSION', found 'GIF89a'");
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static byte[] floats(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      b.putFloat(x);
    }
    return b.array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
