package dev.t2i.encoders;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.TextEncoder;

/** Settings of {@code word2vec-sum}: one vector per caption. */
public record PooledEncoderSettings(
    @JsonPropertyDescription("the word vectors") VectorSource vectors,
    @JsonPropertyDescription("sum or mean of the word vectors") Pooling pooling,
    @JsonPropertyDescription("skip, zero or error for a word without a vector") OovPolicy oov)
    implements TextEncoder.Settings {

  public PooledEncoderSettings {
    vectors = Checks.orDefault(vectors, VectorSource.defaults());
    pooling = Checks.orDefault(pooling, Pooling.MEAN);
    oov = Checks.orDefault(oov, OovPolicy.SKIP);
  }
}
