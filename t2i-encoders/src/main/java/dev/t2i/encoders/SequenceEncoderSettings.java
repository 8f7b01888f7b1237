package dev.t2i.encoders;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.TextEncoder;

/** Settings of {@code word2vec-sequence}: one vector per word, padded or truncated to T. */
public record SequenceEncoderSettings(
    @JsonPropertyDescription("the word vectors") VectorSource vectors,
    @JsonPropertyDescription(
            "T: word positions per caption; shorter captions are padded at the end")
        Integer steps,
    @JsonPropertyDescription("keep-first or keep-last tokens of a longer caption")
        Truncation truncate,
    @JsonPropertyDescription("skip, zero or error for a word without a vector") OovPolicy oov)
    implements TextEncoder.Settings {

  public SequenceEncoderSettings {
    vectors = Checks.orDefault(vectors, VectorSource.defaults());
    steps = Checks.inRange("steps", Checks.orDefault(steps, 25), 1, 1000);
    truncate = Checks.orDefault(truncate, Truncation.KEEP_FIRST);
    oov = Checks.orDefault(oov, OovPolicy.SKIP);
  }
}
