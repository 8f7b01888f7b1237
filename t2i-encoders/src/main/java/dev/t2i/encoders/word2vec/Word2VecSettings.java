package dev.t2i.encoders.word2vec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;

/** How to train word vectors. Defaults follow the report (400 dimensions) and word2vec. */
public record Word2VecSettings(
    @JsonPropertyDescription("skip-gram or cbow") Word2VecModel model,
    @JsonPropertyDescription("vector size") Integer dimension,
    @JsonPropertyDescription("largest distance between a word and its context") Integer window,
    @JsonPropertyDescription("negative samples per positive one") Integer negative,
    @JsonPropertyDescription("words seen fewer times are dropped") Integer minCount,
    @JsonPropertyDescription("subsampling threshold of frequent words; 0 disables") Double sample,
    @JsonPropertyDescription("starting learning rate; default 0.025 for skip-gram, 0.05 for cbow")
        Double alpha,
    @JsonPropertyDescription("passes over the corpus") Integer epochs,
    @JsonPropertyDescription("training threads; default: available processors") Integer threads,
    @JsonPropertyDescription("random seed; with one thread, training is reproducible") Long seed) {

  public Word2VecSettings {
    model = Checks.orDefault(model, Word2VecModel.SKIP_GRAM);
    dimension = Checks.inRange("dimension", Checks.orDefault(dimension, 400), 1, 10_000);
    window = Checks.inRange("window", Checks.orDefault(window, 5), 1, 100);
    negative = Checks.inRange("negative", Checks.orDefault(negative, 5), 1, 100);
    minCount = Checks.positive("minCount", Checks.orDefault(minCount, 5));
    sample = Checks.inRange("sample", Checks.orDefault(sample, 1e-3), 0, 1);
    alpha =
        Checks.positive(
            "alpha", Checks.orDefault(alpha, model == Word2VecModel.CBOW ? 0.05 : 0.025));
    epochs = Checks.inRange("epochs", Checks.orDefault(epochs, 5), 1, 1000);
    threads =
        Checks.inRange(
            "threads",
            Checks.orDefault(threads, Runtime.getRuntime().availableProcessors()),
            1,
            256);
    seed = Checks.orDefault(seed, 1L);
  }

  /** All defaults. */
  public static Word2VecSettings defaults() {
    return new Word2VecSettings(null, null, null, null, null, null, null, null, null, null);
  }

  public Word2VecSettings withThreads(int n) {
    return new Word2VecSettings(
        model, dimension, window, negative, minCount, sample, alpha, epochs, n, seed);
  }

  public Word2VecSettings withSeed(long s) {
    return new Word2VecSettings(
        model, dimension, window, negative, minCount, sample, alpha, epochs, threads, s);
  }
}
