package dev.t2i.encoders.word2vec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The two word2vec architectures. */
public enum Word2VecModel {
  /** Predicts the context from each word; slower, better for rare words. */
  @JsonProperty("skip-gram")
  SKIP_GRAM,
  /** Predicts each word from the mean of its context; faster. */
  @JsonProperty("cbow")
  CBOW
}
