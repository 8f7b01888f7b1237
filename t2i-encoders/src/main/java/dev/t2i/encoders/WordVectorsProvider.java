package dev.t2i.encoders;

import dev.t2i.api.Progress;
import dev.t2i.api.RunContext;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Split;
import dev.t2i.api.text.Tokenizer;
import dev.t2i.encoders.vectors.WordVectorFormat;
import dev.t2i.encoders.vectors.WordVectorReader;
import dev.t2i.encoders.vectors.WordVectorWriter;
import dev.t2i.encoders.vectors.WordVectors;
import dev.t2i.encoders.word2vec.TokenizedCorpus;
import dev.t2i.encoders.word2vec.Word2VecTrainer;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a {@link VectorSource} into word vectors, once per run.
 *
 * <p>A file is read, keeping only the data set's caption vocabulary when asked, so that a large
 * pre-trained file loads in bounded memory. Without a file, word2vec is trained on the training
 * split's captions (never the test split's). Either way the run saves the vectors it used, so that
 * a resumed run reuses exactly the same vectors and generation needs no data set.
 */
@Singleton
public final class WordVectorsProvider {
  private static final Logger LOG = LoggerFactory.getLogger(WordVectorsProvider.class);

  private final RunContext context;
  private final Optional<Provider<DatasetIndex>> dataset;
  private final Progress.Factory progress;
  private final Map<VectorSource, WordVectors> loaded = new HashMap<>();

  @Inject
  public WordVectorsProvider(
      RunContext context, Optional<Provider<DatasetIndex>> dataset, Progress.Factory progress) {
    this.context = context;
    this.dataset = dataset;
    this.progress = progress;
  }

  /** The vectors of {@code source}, loading or training them on first use. */
  public synchronized WordVectors get(VectorSource source) {
    WordVectors v = loaded.get(source);
    if (v == null) {
      try {
        v = resolve(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      loaded.put(source, v);
    }
    return v;
  }

  /**
   * The run keeps the vectors it used in {@code word2vec/vectors-SETTINGS.bin}, with the
   * fingerprint of the captions they were made for beside it. A frozen run (generation) loads that
   * file and nothing else; a training run reuses it only if the captions are unchanged.
   */
  private WordVectors resolve(VectorSource source) throws IOException {
    Path dir = context.runDirectory().resolve("word2vec");
    Path cache = dir.resolve("vectors-" + dev.t2i.api.Fingerprint.of(source.toString()) + ".bin");
    Path stamp =
        dir.resolve("vectors-" + dev.t2i.api.Fingerprint.of(source.toString()) + ".captions");
    if (context.frozen()) {
      if (Files.isRegularFile(cache)) {
        // float32 as the run wrote it, or float16 as a shipped model stores it
        return new WordVectorReader().expectDimension(source.dimension()).read(cache);
      }
      if (source.file() != null) {
        return new WordVectorReader().expectDimension(source.dimension()).read(source.file());
      }
      throw new IllegalStateException(
          "the run "
              + context.runDirectory()
              + " has no saved word vectors ("
              + cache
              + "); was it trained with this configuration?");
    }
    List<String> captions = captions(source);
    String fingerprint =
        captions == null ? "no-data-set" : dev.t2i.api.Fingerprint.of(String.join("\n", captions));
    if (Files.isRegularFile(cache)
        && Files.isRegularFile(stamp)
        && Files.readString(stamp).strip().equals(fingerprint)) {
      WordVectors v =
          new WordVectorReader()
              .expectDimension(source.dimension())
              .read(cache, WordVectorFormat.WORD2VEC_BINARY);
      LOG.info("reusing the run's {} word vectors: {}", v.size(), cache);
      return v;
    }
    WordVectors v = source.file() != null ? read(source) : train(source, captions);
    if (source.whiten()) {
      v = whiten(v, source, captions);
    }
    WordVectorWriter.write(v, cache, WordVectorFormat.WORD2VEC_BINARY);
    Files.writeString(stamp, fingerprint + "\n");
    return v;
  }

  /** All captions of the data set (training split first), or null without one. */
  private List<String> captions(VectorSource source) {
    if (dataset.isEmpty()) {
      return null;
    }
    DatasetIndex index = dataset.get().get();
    List<String> all = new java.util.ArrayList<>(index.captions(Split.TRAIN));
    if (source.file() != null) {
      all.addAll(index.captions(Split.TEST));
    }
    return all;
  }

  /** Whitens with the statistics of the training captions' tokens (see {@link Whitening}). */
  private WordVectors whiten(WordVectors v, VectorSource source, List<String> captions) {
    if (dataset.isEmpty()) {
      throw new IllegalStateException(
          "whitening needs the training captions; set encoder.vectors.whiten: false without a data set");
    }
    List<String> train = dataset.get().get().captions(Split.TRAIN);
    int[] tokens =
        train.stream()
            .flatMap(c -> Tokenizer.tokenize(c).stream())
            .mapToInt(v::indexOf)
            .filter(i -> i >= 0)
            .toArray();
    LOG.info(
        "whitening {} word vectors with the statistics of {} training tokens",
        v.size(),
        tokens.length);
    return dev.t2i.encoders.vectors.Whitening.apply(v, tokens, source.whitenEpsilon());
  }

  private WordVectors read(VectorSource source) throws IOException {
    WordVectorReader reader = new WordVectorReader().expectDimension(source.dimension());
    List<String> captions = captions(source);
    if (source.captionVocabularyOnly() && captions != null) {
      Set<String> vocabulary = new HashSet<>();
      for (String caption : captions) {
        vocabulary.addAll(Tokenizer.tokenize(caption));
      }
      reader.keepOnly(vocabulary);
    }
    WordVectorFormat format =
        source.format() != null ? source.format() : WordVectorFormat.detect(source.file());
    WordVectors v = reader.read(source.file(), format);
    LOG.info(
        "read {} word vectors of dimension {} from {}", v.size(), v.dimension(), source.file());
    return v;
  }

  private WordVectors train(VectorSource source, List<String> captions) {
    if (captions == null) {
      throw new IllegalStateException(
          "the encoder has no vectors file and no data set to train word2vec on; set encoder.vectors.file");
    }
    if (captions.isEmpty()) {
      throw new IllegalStateException("the data set has no training captions to train word2vec on");
    }
    LOG.info("training word2vec ({}) on {} training captions", source.train(), captions.size());
    Word2VecTrainer.Result r =
        new Word2VecTrainer(source.train(), progress)
            .train(TokenizedCorpus.of(captions, source.train().minCount()));
    LOG.info(
        "word2vec: {} words in {} s ({} tokens/s)",
        r.vectors().size(),
        String.format("%.1f", r.seconds()),
        String.format("%.0f", r.tokensPerSecond()));
    return r.vectors();
  }
}
