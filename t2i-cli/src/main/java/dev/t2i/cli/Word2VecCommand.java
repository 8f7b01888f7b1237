package dev.t2i.cli;

import dev.t2i.encoders.vectors.WordVectorFormat;
import dev.t2i.encoders.vectors.WordVectorReader;
import dev.t2i.encoders.vectors.WordVectorWriter;
import dev.t2i.encoders.vectors.WordVectors;
import dev.t2i.encoders.word2vec.TokenizedCorpus;
import dev.t2i.encoders.word2vec.Word2VecModel;
import dev.t2i.encoders.word2vec.Word2VecSettings;
import dev.t2i.encoders.word2vec.Word2VecTrainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code t2i word2vec}: train, convert and query word vectors. */
@Command(
    name = "word2vec",
    mixinStandardHelpOptions = true,
    description = "Train, convert and query word vectors.",
    subcommands = {
      Word2VecCommand.Train.class,
      Word2VecCommand.Convert.class,
      Word2VecCommand.Neighbours.class
    })
final class Word2VecCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static WordVectorFormat format(String id, Path file) throws java.io.IOException {
    return id == null ? WordVectorFormat.detect(file) : WordVectorFormat.of(id);
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description =
          "Train word2vec on a text file (.xz and .gz are read directly); one line is a sentence. Prints the training rate.")
  static final class Train implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("t2i");
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE.bin")
    Path out;

    @Option(
        names = "--format",
        paramLabel = "F",
        description = "word2vec-binary (default), word2vec-binary-float16, word2vec-text or glove.")
    String format = "word2vec-binary";

    @Option(names = "--model", paramLabel = "M", description = "skip-gram (default) or cbow.")
    String model = "skip-gram";

    @Option(names = "--dim", description = "Dimension (default: ${DEFAULT-VALUE}).")
    int dim = 400;

    @Option(names = "--window", description = "Window (default: ${DEFAULT-VALUE}).")
    int window = 5;

    @Option(names = "--negative", description = "Negative samples (default: ${DEFAULT-VALUE}).")
    int negative = 5;

    @Option(names = "--min-count", description = "Minimum count (default: ${DEFAULT-VALUE}).")
    int minCount = 5;

    @Option(names = "--sample", description = "Subsampling threshold (default: ${DEFAULT-VALUE}).")
    double sample = 1e-3;

    @Option(
        names = "--alpha",
        description = "Starting learning rate (default: 0.025 skip-gram, 0.05 cbow).")
    Double alpha;

    @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 5;

    @Option(names = "--threads", description = "Threads (default: available processors).")
    Integer threads;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Override
    public Integer call() throws Exception {
      Word2VecModel m =
          switch (model) {
            case "skip-gram" -> Word2VecModel.SKIP_GRAM;
            case "cbow" -> Word2VecModel.CBOW;
            default ->
                throw new IllegalArgumentException(
                    "--model must be skip-gram or cbow, was " + model);
          };
      Word2VecSettings s =
          new Word2VecSettings(
              m, dim, window, negative, minCount, sample, alpha, epochs, threads, seed);
      long t0 = System.nanoTime();
      TokenizedCorpus corpus = TokenizedCorpus.read(input, s.minCount());
      LOG.info(
          "read {}: {} tokens, {} words seen at least {} times, in {}",
          input,
          corpus.rawTokens(),
          corpus.words().length,
          s.minCount(),
          CliProgress.duration((System.nanoTime() - t0) / 1e9));
      Word2VecTrainer.Result r = new Word2VecTrainer(s, new CliProgress()).train(corpus);
      WordVectorWriter.write(r.vectors(), out, WordVectorFormat.of(format));
      spec.commandLine()
          .getOut()
          .printf(
              "trained %d vectors of dimension %d on %d tokens in %.1f s: %.0f tokens/s; wrote %s%n",
              r.vectors().size(), dim, r.rawTokens(), r.seconds(), r.tokensPerSecond(), out);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "convert",
      mixinStandardHelpOptions = true,
      description =
          "Convert between word2vec-binary, word2vec-binary-float16, word2vec-text and glove.")
  static final class Convert implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Option(names = "--from", paramLabel = "F", description = "Input format; default: detected.")
    String from;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "F",
        description = "word2vec-binary, word2vec-binary-float16, word2vec-text or glove.")
    String to;

    @Override
    public Integer call() throws Exception {
      WordVectors v = new WordVectorReader().read(in, format(from, in));
      WordVectorWriter.write(v, out, WordVectorFormat.of(to));
      spec.commandLine()
          .getOut()
          .printf(
              "converted %d vectors of dimension %d: %s → %s (%s)%n",
              v.size(), v.dimension(), in, out, to);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "neighbours",
      aliases = "neighbors",
      mixinStandardHelpOptions = true,
      description = "The nearest words by cosine.")
  static final class Neighbours implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--vectors", required = true, paramLabel = "FILE")
    Path vectors;

    @Option(names = "--word", required = true, paramLabel = "W")
    String word;

    @Option(names = "-k", description = "How many (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Override
    public Integer call() throws Exception {
      if (k < 1) {
        throw new IllegalArgumentException(
            "-k must be at least 1 (how many neighbours to list), was " + k);
      }
      WordVectors v = new WordVectorReader().read(vectors);
      if (!v.contains(word)) {
        throw new IllegalArgumentException(
            "'" + word + "' is not among the " + v.size() + " words of " + vectors);
      }
      PrintWriter out = spec.commandLine().getOut();
      for (WordVectors.Neighbour n : v.nearest(word, k)) {
        out.printf("%-20s %.4f%n", n.word(), n.similarity());
      }
      return ExitCodes.OK;
    }
  }
}
