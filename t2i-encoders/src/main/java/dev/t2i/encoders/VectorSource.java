package dev.t2i.encoders;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.encoders.vectors.WordVectorFormat;
import dev.t2i.encoders.word2vec.Word2VecSettings;
import java.nio.file.Path;

/**
 * Where an encoder's word vectors come from: a file, or word2vec trained on the data set's training
 * captions.
 */
public record VectorSource(
    @JsonPropertyDescription("word-vector file; absent: train word2vec on the training captions")
        Path file,
    @JsonPropertyDescription(
            "word2vec-binary, word2vec-binary-float16, word2vec-text or glove; absent: detected")
        WordVectorFormat format,
    @JsonPropertyDescription("vector size; a file of another size is an error") Integer dimension,
    @JsonPropertyDescription("keep only the data set's caption vocabulary when reading a file")
        Boolean captionVocabularyOnly,
    @JsonPropertyDescription(
            "PCA-whiten the vectors with the statistics of the training captions' tokens (see Whitening)")
        Boolean whiten,
    @JsonPropertyDescription("whitening's regulariser, relative to the largest eigenvalue")
        Double whitenEpsilon,
    @JsonPropertyDescription("word2vec settings, used when there is no file")
        Word2VecSettings train) {

  public VectorSource {
    dimension = Checks.inRange("dimension", Checks.orDefault(dimension, 400), 1, 10_000);
    captionVocabularyOnly = Checks.orDefault(captionVocabularyOnly, true);
    whiten = Checks.orDefault(whiten, true);
    whitenEpsilon =
        Checks.inRange("whitenEpsilon", Checks.orDefault(whitenEpsilon, 1e-5), 1e-12, 1.0);
    train = Checks.orDefault(train, Word2VecSettings.defaults());
    if (file == null && train.dimension().intValue() != dimension) {
      // One dimension for the whole encoder: the trained vectors take the encoder's.
      train =
          new Word2VecSettings(
              train.model(),
              dimension,
              train.window(),
              train.negative(),
              train.minCount(),
              train.sample(),
              train.alpha(),
              train.epochs(),
              train.threads(),
              train.seed());
    }
  }

  /** Trained vectors of the default settings. */
  public static VectorSource defaults() {
    return new VectorSource(null, null, null, null, null, null, null);
  }
}
