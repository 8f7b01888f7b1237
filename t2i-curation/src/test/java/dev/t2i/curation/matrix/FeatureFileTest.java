package dev.t2i.curation.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureFileTest {
  @TempDir Path dir;

  @Test
  void roundTripsRowsInChunksOfAnySize() throws Exception {
    Path file = dir.resolve("f.f32");
    FeatureFile written;
    try (FeatureFile.Writer w = new FeatureFile.Writer(file, 3)) {
      for (int i = 0; i < 10; i++) {
        w.add(new float[] {i, -i, i * 0.5f});
      }
      written = w.finish();
    }
    assertThat(Files.size(file)).isEqualTo(24 + 10 * 3 * 4);
    FeatureFile f = FeatureFile.open(file);
    assertThat(f.rows()).isEqualTo(10);
    assertThat(f.dimension()).isEqualTo(3);
    assertThat(written.rows()).isEqualTo(10);
    for (int chunk : new int[] {1, 4, 10, 100}) {
      List<Float> seen = new ArrayList<>();
      List<Long> firsts = new ArrayList<>();
      f.forEachChunk(
          chunk,
          (first, values, count) -> {
            firsts.add(first);
            for (int i = 0; i < count * 3; i++) {
              seen.add(values[i]);
            }
          });
      assertThat(seen).hasSize(30);
      assertThat(seen.get(3 * 7 + 2)).isEqualTo(3.5f);
      assertThat(seen.get(3 * 9 + 1)).isEqualTo(-9f);
      assertThat(firsts.get(firsts.size() - 1)).isEqualTo(chunk >= 10 ? 0 : (9 / chunk) * chunk);
    }
  }

  @Test
  void anUnfinishedWriteLeavesNothingAndBadFilesAreNamed() throws Exception {
    Path file = dir.resolve("g.f32");
    try (FeatureFile.Writer w = new FeatureFile.Writer(file, 2)) {
      w.add(new float[] {1, 2});
      assertThatThrownBy(() -> w.add(new float[] {1})).hasMessage("row 1 has 1 values; expected 2");
    }
    assertThat(file).doesNotExist();
    try (var s = Files.list(dir)) {
      assertThat(s.toList()).isEmpty();
    }
    Path text = Files.writeString(dir.resolve("t.f32"), "hello, this is not a feature file");
    assertThatThrownBy(() -> FeatureFile.open(text))
        .hasMessage(text + ": not a t2i feature file (expected the magic T2IFEAT1)");
    try (FeatureFile.Writer w = new FeatureFile.Writer(file, 2)) {
      w.add(new float[] {1, 2});
      w.finish();
    }
    byte[] bytes = Files.readAllBytes(file);
    Path cut =
        Files.write(dir.resolve("cut.f32"), java.util.Arrays.copyOf(bytes, bytes.length - 1));
    assertThatThrownBy(() -> FeatureFile.open(cut))
        .hasMessage(cut + ": header says 1 rows of 2 floats (32 bytes), but the file has 31 bytes");
  }
}
