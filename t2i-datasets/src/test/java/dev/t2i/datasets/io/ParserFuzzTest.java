package dev.t2i.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.t2i.api.data.DatasetException;
import dev.t2i.datasets.flickr.FlickrCaptions;
import dev.t2i.datasets.oxford.Oxford102Settings;
import dev.t2i.datasets.oxford.Oxford102Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzzes the caption and index-file parsers: caption files, Flickr30k's token and CSV files,
 * Oxford-102's labels.txt and imagelabels.mat. Under the skip policy nothing but a {@link
 * DatasetException} (for an unusable index) or an {@link IOException} (an unreadable MATLAB file)
 * may escape.
 */
class ParserFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void captionFilesAreReadOrSkipped(byte[] data) throws IOException {
    Path f = Files.createTempFile("fuzz", ".txt");
    try {
      Files.write(f, data);
      LoadLog log = new LoadLog("fuzz", OnError.SKIP);
      List<String> captions = CaptionFile.read(f, log);
      assertThat(captions == null).isEqualTo(!log.skipped().isEmpty());
      if (captions != null) {
        assertThat(captions).isNotEmpty().allMatch(c -> !c.isBlank() && !c.contains("\n"));
      }
    } finally {
      Files.delete(f);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void flickrFilesParseOrCountTheirBadRows(@NotNull String text) {
    List<String> lines = List.of(text.split("\n", -1));
    LoadLog log = new LoadLog("fuzz", OnError.SKIP);
    var token = FlickrCaptions.parseToken(lines, Path.of("t.token"), log);
    var csv = FlickrCaptions.parseCsv(lines, Path.of("t.csv"), log);
    token.values().forEach(cs -> assertThat(cs).allMatch(c -> !c.isBlank()));
    csv.values().forEach(cs -> assertThat(cs).allMatch(c -> !c.isBlank()));
  }

  @FuzzTest(maxDuration = "30s")
  void oxfordIndexFilesFailCleanly(byte[] data) throws IOException {
    Path root = Files.createTempDirectory("fuzz-oxford");
    try {
      boolean mat = data.length > 0 && (data[0] & 1) == 1;
      byte[] body = data.length > 0 ? java.util.Arrays.copyOfRange(data, 1, data.length) : data;
      if (mat) {
        byte[] header = "MATLAB 5.0 MAT-file".getBytes(StandardCharsets.US_ASCII);
        byte[] file = new byte[128 + body.length];
        System.arraycopy(header, 0, file, 0, header.length);
        file[126] = 'I';
        file[127] = 'M';
        System.arraycopy(body, 0, file, 128, body.length);
        Files.write(root.resolve("imagelabels.mat"), file);
      } else {
        Files.write(root.resolve("labels.txt"), body);
      }
      try {
        new Oxford102Source(new Oxford102Settings(root, false, 0L, 20, OnError.SKIP, null)).load();
      } catch (DatasetException e) {
        assertThat(e.getMessage()).startsWith("oxford102: ");
      } catch (IOException e) {
        assertThat(mat).isTrue();
        assertThat(e.getMessage()).contains("imagelabels.mat");
      }
    } finally {
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
