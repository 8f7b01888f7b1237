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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
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
 * split's captions (never the test split's) and cached in the run directory under a name derived
 * from the settings and the captions, so that a resumed run reuses exactly the same vectors.
 */
@Singleton
public final class WordVectorsProvider {
  private static final Logger LOG = LoggerFactory.getLogger(WordVectorsProvider.class);

  private final RunContext context;
  private final Optional<Provider<DatasetIndex>> dataset;
  private final Progress.Factory progress;
  private final Map<VectorSource, WordVectors> loaded = new HashMap<>();

  @Inject
  public WordVectorsProvider(RunContext context, Optional<Provider<DatasetIndex>> dataset, Progress.Factory progress) {
    this.context = context;
    this.dataset = dataset;
    this.progress = progress;
  }

  /** The vectors of {@code source}, loading or training them on first use. */
  public synchronized WordVectors get(VectorSource source) {
    WordVectors v = loaded.get(source);
    if (v == null) {
      try {
        v = source.file() != null ? read(source) : trainOrReuse(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      loaded.put(source, v);
    }
    return v;
  }

  private WordVectors read(VectorSource source) throws IOException {
    WordVectorReader reader = new WordVectorReader().expectDimension(source.dimension());
    if (source.captionVocabularyOnly() && dataset.isPresent()) {
      Set<String> vocabulary = new HashSet<>();
      for (String caption : dataset.get().get().captions(Split.TRAIN)) {
        vocabulary.addAll(Tokenizer.tokenize(caption));
      }
      for (String caption : dataset.get().get().captions(Split.TEST)) {
        vocabulary.addAll(Tokenizer.tokenize(caption));
      }
      reader.keepOnly(vocabulary);
    }
    WordVectorFormat format = source.format() != null ? source.format() : WordVectorFormat.detect(source.file());
    WordVectors v = reader.read(source.file(), format);
    LOG.info("read {} word vectors of dimension {} from {}", v.size(), v.dimension(), source.file());
    return v;
  }

  private WordVectors trainOrReuse(VectorSource source) throws IOException {
    if (dataset.isEmpty()) {
      throw new IllegalStateException(
          "the encoder has no vectors file and no data set to train word2vec on; set encoder.vectors.file");
    }
    List<String> captions = dataset.get().get().captions(Split.TRAIN);
    if (captions.isEmpty()) {
      throw new IllegalStateException("the data set has no training captions to train word2vec on");
    }
    Path cache = context.runDirectory().resolve("word2vec").resolve("vectors-" + fingerprint(source, captions) + ".bin");
    if (Files.isRegularFile(cache)) {
      WordVectors v = new WordVectorReader().expectDimension(source.dimension()).read(cache, WordVectorFormat.WORD2VEC_BINARY);
      LOG.info("reusing {} word vectors trained earlier: {}", v.size(), cache);
      return v;
    }
    LOG.info("training word2vec ({}) on {} training captions", source.train(), captions.size());
    Word2VecTrainer.Result r = new Word2VecTrainer(source.train(), progress).train(TokenizedCorpus.of(captions, source.train().minCount()));
    LOG.info("word2vec: {} words in {} s ({} tokens/s)", r.vectors().size(), String.format("%.1f", r.seconds()),
        String.format("%.0f", r.tokensPerSecond()));
    WordVectorWriter.write(r.vectors(), cache, WordVectorFormat.WORD2VEC_BINARY);
    return r.vectors();
  }

  private static String fingerprint(VectorSource source, List<String> captions) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(source.train().toString().getBytes(StandardCharsets.UTF_8));
      for (String c : captions) {
        md.update(c.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
