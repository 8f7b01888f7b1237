package dev.t2i.encoders.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.t2i.api.text.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes the word-vector readers and the tokenizer. Run as a regression test on the inputs in
 * {@code src/test/resources/.../WordVectorFuzzTestInputs}; with {@code JAZZER_FUZZ=1} (see {@code
 * bench/fuzz.sh}) Jazzer generates new ones. Any exception other than the documented {@link
 * WordVectorsException} is a finding.
 */
class WordVectorFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void readersFailOnlyWithLocatedErrors(byte[] data) throws IOException {
    Path file = Files.createTempFile("fuzz", ".vec");
    try {
      Files.write(file, data);
      for (WordVectorFormat format : WordVectorFormat.values()) {
        try {
          WordVectors v = new WordVectorReader().read(file, format);
          assertThat(v.rawVectors()).hasSize(v.size() * v.dimension());
        } catch (WordVectorsException e) {
          assertThat(e.getMessage()).startsWith(file.toString());
        }
      }
      WordVectorFormat.detect(file);
    } finally {
      Files.delete(file);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void tokenizerYieldsCleanTokens(@NotNull String text) {
    for (String t : Tokenizer.tokenize(text)) {
      assertThat(t)
          .isNotEmpty()
          .doesNotContain(" ")
          .isEqualTo(t.toLowerCase(java.util.Locale.ROOT));
    }
  }
}
