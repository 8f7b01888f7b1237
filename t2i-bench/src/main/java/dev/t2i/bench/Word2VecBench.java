package dev.t2i.bench;

import dev.t2i.api.Progress;
import dev.t2i.encoders.word2vec.TokenizedCorpus;
import dev.t2i.encoders.word2vec.Word2VecModel;
import dev.t2i.encoders.word2vec.Word2VecSettings;
import dev.t2i.encoders.word2vec.Word2VecTrainer;
import java.nio.file.Path;

/**
 * word2vec training throughput: the corpus is read and tokenized once, then each run trains from
 * scratch and reports corpus tokens per second of training (reading and vocabulary excluded).
 * Usage: {@code Word2VecBench CORPUS MODEL RUNS THREADS}; MODEL is skip-gram or cbow. Settings:
 * dimension 400, window 5, negative 5, min-count 5, sample 1e-3, alpha 0.025, 1 epoch.
 */
public final class Word2VecBench {
  private Word2VecBench() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    Word2VecModel model = args[1].equals("cbow") ? Word2VecModel.CBOW : Word2VecModel.SKIP_GRAM;
    int runs = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    long t0 = System.nanoTime();
    TokenizedCorpus c = TokenizedCorpus.read(corpus, 5);
    System.out.printf("read_seconds = %.1f%n", (System.nanoTime() - t0) / 1e9);
    System.out.println("tokens = " + c.rawTokens());
    System.out.println("vocabulary = " + c.words().length);
    double[] rates = new double[runs];
    for (int r = 0; r < runs; r++) {
      Word2VecSettings s =
          new Word2VecSettings(model, 400, 5, 5, 5, 1e-3, 0.025, 1, threads, 1L + r);
      Word2VecTrainer.Result result = new Word2VecTrainer(s, Progress.Factory.SILENT).train(c);
      rates[r] = result.tokensPerSecond();
      System.out.printf("run %d: %.0f tokens/s (%.1f s)%n", r + 1, rates[r], result.seconds());
    }
    System.out.printf("tokens_per_second = %.0f%n", Stats.median(rates));
  }
}
