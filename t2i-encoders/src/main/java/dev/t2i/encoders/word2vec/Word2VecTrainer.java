package dev.t2i.encoders.word2vec;

import dev.t2i.api.Progress;
import dev.t2i.encoders.vectors.WordVectors;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Trains word vectors with negative sampling, like Mikolov's word2vec and gensim.
 *
 * <p>Threads share the weights without locks (Hogwild), each over its own contiguous part of the
 * corpus with its own linear congruential generator. The learning rate decays linearly with the
 * words processed by all threads. With one thread, the result depends only on the corpus and the
 * settings: it is bit-reproducible.
 */
public final class Word2VecTrainer {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(Word2VecTrainer.class);
  private static final int EXP_TABLE_SIZE = 1000;
  private static final int MAX_EXP = 6;
  private static final float[] EXP_TABLE = new float[EXP_TABLE_SIZE];
  private static final Kernels K = Kernels.best();

  static {
    for (int i = 0; i < EXP_TABLE_SIZE; i++) {
      double e = Math.exp((i / (double) EXP_TABLE_SIZE * 2 - 1) * MAX_EXP);
      EXP_TABLE[i] = (float) (e / (e + 1));
    }
  }

  /**
   * What a training run did.
   *
   * @param vectors the trained input vectors
   * @param rawTokens corpus tokens processed (all epochs), rare words included
   * @param seconds wall time of the training passes, without reading the corpus
   */
  public record Result(WordVectors vectors, long rawTokens, double seconds) {
    /** Corpus tokens per second of training. */
    public double tokensPerSecond() {
      return rawTokens / seconds;
    }
  }

  private final Word2VecSettings settings;
  private final Progress.Factory progress;

  public Word2VecTrainer(Word2VecSettings settings, Progress.Factory progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** Trains on {@code corpus}. */
  public Result train(TokenizedCorpus corpus) {
    String[] words = corpus.words();
    int vocab = words.length;
    if (vocab == 0) {
      throw new IllegalArgumentException(
          "no word occurs at least minCount="
              + settings.minCount()
              + " times in the corpus of "
              + corpus.rawTokens()
              + " tokens");
    }
    int dim = settings.dimension();
    float[] syn0 = new float[vocab * dim];
    float[] syn1 = new float[vocab * dim];
    // word2vec's initialisation: uniform in [-0.5, 0.5) / dim, from its generator.
    long r = settings.seed();
    for (int i = 0; i < syn0.length; i++) {
      r = r * 25214903917L + 11;
      syn0[i] = (((r & 0xFFFF) / 65536f) - 0.5f) / dim;
    }
    int[] table = negativeTable(corpus.counts());
    int[] keepThreshold = subsampling(corpus.counts(), corpus.retainedTokens());
    long totalWords = (long) settings.epochs() * corpus.retainedTokens();
    AtomicLong processed = new AtomicLong();
    int threads = Math.max(1, Math.min(settings.threads(), corpus.sentenceStarts().length));
    int[][] parts = partition(corpus, threads);
    String task = "word2vec " + (settings.model() == Word2VecModel.CBOW ? "cbow" : "skip-gram");
    LOG.info(
        "{}: {} words of vocabulary, {} tokens, {} threads, {} kernels",
        task,
        vocab,
        corpus.rawTokens(),
        threads,
        K.name());
    long start = System.nanoTime();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (Progress bar = progress.start(task, totalWords, "words")) {
      ExecutorService pool =
          Executors.newFixedThreadPool(
              threads,
              runnable -> {
                Thread t = new Thread(runnable, "word2vec");
                t.setDaemon(true);
                return t;
              });
      try {
        Future<?>[] futures = new Future<?>[threads];
        for (int t = 0; t < threads; t++) {
          Worker w =
              new Worker(
                  t,
                  corpus,
                  parts[t],
                  syn0,
                  syn1,
                  table,
                  keepThreshold,
                  processed,
                  totalWords,
                  bar);
          futures[t] = pool.submit(w);
        }
        for (Future<?> f : futures) {
          try {
            f.get();
          } catch (java.util.concurrent.ExecutionException e) {
            failure.compareAndSet(null, e.getCause());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("word2vec training interrupted", e);
      } finally {
        pool.shutdownNow();
      }
      bar.set(totalWords);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("word2vec training failed: " + failure.get(), failure.get());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(
        new WordVectors(List.of(words), syn0, dim),
        (long) settings.epochs() * corpus.rawTokens(),
        seconds);
  }

  /** Splits sentences into contiguous ranges of about equal token counts: [start, end) each. */
  private static int[][] partition(TokenizedCorpus corpus, int threads) {
    int[] starts = corpus.sentenceStarts();
    int total = corpus.ids().length;
    int[][] parts = new int[threads][2];
    int s = 0;
    for (int t = 0; t < threads; t++) {
      parts[t][0] = s;
      long target = (long) total * (t + 1) / threads;
      while (s < starts.length && (t == threads - 1 || starts[s] < target)) {
        s++;
      }
      parts[t][1] = s;
    }
    return parts;
  }

  /** The noise distribution: unigram counts to the power 0.75, as a lookup table. */
  private static int[] negativeTable(long[] counts) {
    int size = (int) Math.min(100_000_000L, Math.max(1_000_000L, 100L * counts.length));
    double total = 0;
    for (long c : counts) {
      total += Math.pow(c, 0.75);
    }
    int[] table = new int[size];
    int word = 0;
    double cumulative = Math.pow(counts[0], 0.75) / total;
    for (int a = 0; a < size; a++) {
      table[a] = word;
      if (a / (double) size > cumulative && word < counts.length - 1) {
        word++;
        cumulative += Math.pow(counts[word], 0.75) / total;
      }
    }
    return table;
  }

  /** Per word, the probability of keeping an occurrence, scaled to 2^32 (gensim's formula). */
  private int[] subsampling(long[] counts, long totalWords) {
    int[] keep = new int[counts.length];
    double sample = settings.sample();
    for (int i = 0; i < counts.length; i++) {
      double p = 1.0;
      if (sample > 0) {
        double threshold = sample * totalWords;
        p = (Math.sqrt(counts[i] / threshold) + 1) * threshold / counts[i];
      }
      keep[i] = p >= 1.0 ? -1 : (int) (long) (p * 4294967296.0 - 2147483648.0);
    }
    return keep;
  }

  private final class Worker implements Runnable {
    final int id;
    final TokenizedCorpus corpus;
    final int firstSentence;
    final int endSentence;
    final float[] syn0;
    final float[] syn1;
    final int[] table;
    final int[] keep;
    final AtomicLong processed;
    final long totalWords;
    final Progress bar;
    final int dim = settings.dimension();
    final float[] neu1 = new float[settings.dimension()];
    final float[] neu1e = new float[settings.dimension()];
    final int[] sentence = new int[TokenizedCorpus.MAX_SENTENCE];
    final int[] targets = new int[settings.negative() + 1];

    /** Keeps the touching loads of {@link #negativeSampling} from being optimised away. */
    float sink;

    long random;

    Worker(
        int id,
        TokenizedCorpus corpus,
        int[] range,
        float[] syn0,
        float[] syn1,
        int[] table,
        int[] keep,
        AtomicLong processed,
        long totalWords,
        Progress bar) {
      this.id = id;
      this.corpus = corpus;
      this.firstSentence = range[0];
      this.endSentence = range[1];
      this.syn0 = syn0;
      this.syn1 = syn1;
      this.table = table;
      this.keep = keep;
      this.processed = processed;
      this.totalWords = totalWords;
      this.bar = bar;
      this.random = settings.seed() + id;
    }

    private long next() {
      random = random * 25214903917L + 11;
      return random;
    }

    /** Maps 32 random bits to [0, n) with a multiply instead of a division. */
    private int bounded(long bits, int n) {
      return (int) (((bits & 0xFFFFFFFFL) * n) >>> 32);
    }

    @Override
    public void run() {
      int[] ids = corpus.ids();
      int[] starts = corpus.sentenceStarts();
      double alpha0 = settings.alpha();
      double alpha = alpha0;
      long local = 0;
      boolean cbow = settings.model() == Word2VecModel.CBOW;
      for (int epoch = 0; epoch < settings.epochs(); epoch++) {
        for (int s = firstSentence; s < endSentence; s++) {
          if (Thread.currentThread().isInterrupted()) {
            return;
          }
          int from = starts[s];
          int to = s + 1 < starts.length ? starts[s + 1] : ids.length;
          int n = 0;
          for (int i = from; i < to; i++) {
            int w = ids[i];
            int k = keep[w];
            if (k != -1 && (int) (next() >>> 16) > k) {
              continue;
            }
            sentence[n++] = w;
          }
          local += to - from;
          if (local >= 10_000) {
            long done = processed.addAndGet(local);
            local = 0;
            alpha = Math.max(alpha0 * (1 - done / (double) (totalWords + 1)), alpha0 * 1e-4);
            if (id == 0) {
              bar.set(done);
            }
          }
          float a = (float) alpha;
          for (int pos = 0; pos < n; pos++) {
            int b = bounded(next() >>> 16, settings.window());
            if (cbow) {
              cbow(sentence, n, pos, b, a);
            } else {
              skipGram(sentence, n, pos, b, a);
            }
          }
        }
      }
      processed.addAndGet(local);
    }

    private void skipGram(int[] sent, int n, int pos, int b, float alpha) {
      int word = sent[pos];
      int window = settings.window();
      // Touch the context rows and the target's output row first: their cache misses overlap.
      float touch = touch(syn1, word * dim);
      for (int c = Math.max(0, pos - window + b); c <= Math.min(n - 1, pos + window - b); c++) {
        if (c != pos) {
          touch += touch(syn0, sent[c] * dim);
        }
      }
      sink += touch;
      for (int c = pos - window + b; c <= pos + window - b; c++) {
        if (c == pos || c < 0 || c >= n) {
          continue;
        }
        int l1 = sent[c] * dim;
        Arrays.fill(neu1e, 0f);
        negativeSampling(word, syn0, l1, alpha);
        K.axpy(1f, neu1e, 0, syn0, l1, dim);
      }
    }

    private void cbow(int[] sent, int n, int pos, int b, float alpha) {
      int word = sent[pos];
      int window = settings.window();
      Arrays.fill(neu1, 0f);
      int cw = 0;
      for (int c = pos - window + b; c <= pos + window - b; c++) {
        if (c == pos || c < 0 || c >= n) {
          continue;
        }
        K.axpy(1f, syn0, sent[c] * dim, neu1, 0, dim);
        cw++;
      }
      if (cw == 0) {
        return;
      }
      K.scale(1f / cw, neu1, dim);
      Arrays.fill(neu1e, 0f);
      negativeSampling(word, neu1, 0, alpha);
      for (int c = pos - window + b; c <= pos + window - b; c++) {
        if (c == pos || c < 0 || c >= n) {
          continue;
        }
        K.axpy(1f, neu1e, 0, syn0, sent[c] * dim, dim);
      }
    }

    /**
     * Reads one float of each cache line of a row, so that the row is on its way into the cache.
     */
    private float touch(float[] array, int row) {
      float s = 0;
      for (int k = 0; k < dim; k += 16) {
        s += array[row + k];
      }
      return s;
    }

    /** One positive and {@code negative} noise targets for hidden vector {@code h[hOff..]}. */
    private void negativeSampling(int word, float[] h, int hOff, float alpha) {
      int negatives = settings.negative();
      // Draw the noise words first and touch their rows, so that their cache misses overlap.
      float touch = 0;
      for (int d = 1; d <= negatives; d++) {
        int t = table[bounded(next() >>> 16, table.length)];
        targets[d] = t;
        touch += touch(syn1, t * dim);
      }
      sink += touch;
      targets[0] = word;
      for (int d = 0; d <= negatives; d++) {
        int target = targets[d];
        int label = d == 0 ? 1 : 0;
        if (d > 0 && target == word) {
          continue;
        }
        int l2 = target * dim;
        float f = K.dot(h, hOff, syn1, l2, dim);
        float g;
        if (f > MAX_EXP) {
          g = (label - 1) * alpha;
        } else if (f < -MAX_EXP) {
          g = label * alpha;
        } else {
          g = (label - EXP_TABLE[(int) ((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2))]) * alpha;
        }
        if (g == 0f) {
          // Saturated and already right: word2vec would add zeros. Skipping is exact.
          continue;
        }
        K.update(g, h, hOff, syn1, l2, neu1e, dim);
      }
    }
  }
}
