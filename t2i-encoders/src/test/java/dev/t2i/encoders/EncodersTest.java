package dev.t2i.encoders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.t2i.api.EncodedText;
import dev.t2i.api.Progress;
import dev.t2i.api.RunContext;
import dev.t2i.api.TextShape;
import dev.t2i.encoders.vectors.WordVectorFormat;
import dev.t2i.encoders.vectors.WordVectorWriter;
import dev.t2i.encoders.vectors.WordVectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodersTest {
  @TempDir Path dir;
  VectorSource source;
  WordVectorsProvider provider;

  @BeforeEach
  void vectors() throws Exception {
    // pink = (1,0,0), petals = (0,2,0), yellow = (0,0,3), center = (1,1,1)
    WordVectors v =
        new WordVectors(
            List.of("pink", "petals", "yellow", "center"),
            new float[] {1, 0, 0, 0, 2, 0, 0, 0, 3, 1, 1, 1},
            3);
    Path f = dir.resolve("v.bin");
    WordVectorWriter.write(v, f, WordVectorFormat.WORD2VEC_BINARY);
    source = new VectorSource(f, null, 3, null, false, null, null);
    provider =
        new WordVectorsProvider(new RunContext(1, dir), Optional.empty(), Progress.Factory.SILENT);
  }

  private PooledWord2VecEncoder pooled(Pooling p, OovPolicy oov) {
    return new PooledWord2VecEncoder(new PooledEncoderSettings(source, p, oov), provider);
  }

  private SequenceWord2VecEncoder sequence(int steps, Truncation t, OovPolicy oov) {
    return new SequenceWord2VecEncoder(
        new SequenceEncoderSettings(source, steps, t, oov), provider);
  }

  @Test
  void sumAndMeanWithOovSkipped() {
    EncodedText sum = pooled(Pooling.SUM, OovPolicy.SKIP).encode("Pink petals, a YELLOW center!");
    assertThat(sum.values()).containsExactly(2f, 3f, 4f);
    assertThat(sum.mask()).containsExactly(1f);
    assertThat(sum.tokens()).isEqualTo(5);
    assertThat(sum.outOfVocabulary()).containsExactly("a");
    EncodedText mean = pooled(Pooling.MEAN, OovPolicy.SKIP).encode("pink petals a yellow center");
    assertThat(mean.values()).containsExactly(new float[] {0.5f, 0.75f, 1f}, within(1e-6f));
    assertThat(pooled(Pooling.MEAN, OovPolicy.SKIP).shape()).isEqualTo(TextShape.pooled(3));
  }

  @Test
  void zeroPolicyCountsUnknownWordsInTheMean() {
    EncodedText mean = pooled(Pooling.MEAN, OovPolicy.ZERO).encode("pink petals a yellow center");
    assertThat(mean.values()).containsExactly(new float[] {0.4f, 0.6f, 0.8f}, within(1e-6f));
  }

  @Test
  void errorPolicyNamesTheWordAndCaption() {
    assertThatThrownBy(() -> pooled(Pooling.MEAN, OovPolicy.ERROR).encode("pink tulip"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'tulip' in the caption \"pink tulip\" has no word vector");
  }

  @Test
  void captionWithoutKnownWordsHasAZeroMask() {
    EncodedText e = pooled(Pooling.MEAN, OovPolicy.SKIP).encode("a tulip");
    assertThat(e.values()).containsOnly(0f);
    assertThat(e.mask()).containsExactly(0f);
    assertThat(e.outOfVocabulary()).containsExactly("a", "tulip");
  }

  @Test
  void sequencePadsAtTheEndWithAMask() {
    EncodedText e = sequence(4, Truncation.KEEP_FIRST, OovPolicy.SKIP).encode("pink a yellow");
    assertThat(e.values()).containsExactly(1, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0);
    assertThat(e.mask()).containsExactly(1, 1, 0, 0);
    assertThat(e.length()).isEqualTo(2);
    assertThat(sequence(4, Truncation.KEEP_FIRST, OovPolicy.SKIP).shape())
        .isEqualTo(TextShape.sequence(4, 3));
  }

  @Test
  void sequenceWithZeroPolicyKeepsThePlaceOfUnknownWords() {
    EncodedText e = sequence(4, Truncation.KEEP_FIRST, OovPolicy.ZERO).encode("pink a yellow");
    assertThat(e.values()).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0);
    assertThat(e.mask()).containsExactly(1, 1, 1, 0);
  }

  @Test
  void sequenceTruncatesKeepingFirstOrLastTokens() {
    String caption = "pink petals yellow center";
    assertThat(sequence(2, Truncation.KEEP_FIRST, OovPolicy.SKIP).encode(caption).values())
        .containsExactly(1, 0, 0, 0, 2, 0);
    assertThat(sequence(2, Truncation.KEEP_LAST, OovPolicy.SKIP).encode(caption).values())
        .containsExactly(0, 0, 3, 1, 1, 1);
  }

  @Test
  void aDimensionDifferentFromTheFileIsAnError() {
    var wrong =
        new PooledWord2VecEncoder(
            new PooledEncoderSettings(
                new VectorSource(source.file(), null, 400, null, false, null, null), null, null),
            provider);
    assertThat(wrong.shape().dimension()).isEqualTo(400);
    assertThatThrownBy(() -> wrong.encode("pink"))
        .hasMessageContaining("the vectors have dimension 3, but 400 is configured");
  }
}
