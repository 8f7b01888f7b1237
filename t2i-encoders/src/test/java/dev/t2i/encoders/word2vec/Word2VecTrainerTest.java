package dev.t2i.encoders.word2vec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.t2i.api.Progress;
import dev.t2i.encoders.vectors.WordVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

public class Word2VecTrainerTest {
  static final List<String> COLOURS =
      List.of("red", "pink", "yellow", "white", "purple", "orange", "blue");
  static final List<String> SHAPES = List.of("round", "pointed", "thin", "wide", "long", "curled");

  /** Sentences where colour words share contexts, and shape words share others. */
  public static List<String> corpus(int n, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String c = COLOURS.get(r.nextInt(COLOURS.size()));
      String s = SHAPES.get(r.nextInt(SHAPES.size()));
      out.add(
          switch (r.nextInt(3)) {
            case 0 -> "this flower has " + c + " petals that are " + s + " in shape";
            case 1 -> "the petals are " + c + " in color and " + s + " in shape";
            default -> "a flower with " + s + " shaped petals of " + c + " color";
          });
    }
    return out;
  }

  static Word2VecSettings small(Word2VecModel model, int threads) {
    return new Word2VecSettings(model, 24, 3, 5, 2, 0.0, null, 3, threads, 9L);
  }

  @Test
  void oneThreadAndASeedAreBitReproducible() {
    TokenizedCorpus c = TokenizedCorpus.of(corpus(2000, 1), 2);
    for (Word2VecModel m : Word2VecModel.values()) {
      float[] a =
          new Word2VecTrainer(small(m, 1), Progress.Factory.SILENT).train(c).vectors().rawVectors();
      float[] b =
          new Word2VecTrainer(small(m, 1), Progress.Factory.SILENT).train(c).vectors().rawVectors();
      float[] other =
          new Word2VecTrainer(small(m, 1).withSeed(10), Progress.Factory.SILENT)
              .train(c)
              .vectors()
              .rawVectors();
      assertThat(a).as(m.name()).containsExactly(b);
      assertThat(a).as(m.name()).isNotEqualTo(other);
    }
  }

  @Test
  void learnsThatColoursAreNeighboursWithBothModelsAndTwoThreads() {
    TokenizedCorpus c = TokenizedCorpus.of(corpus(4000, 2), 2);
    for (Word2VecModel m : Word2VecModel.values()) {
      WordVectors v = new Word2VecTrainer(small(m, 2), Progress.Factory.SILENT).train(c).vectors();
      List<String> near = v.nearest("red", 4).stream().map(WordVectors.Neighbour::word).toList();
      assertThat(COLOURS).as(m + " neighbours of red: " + near).containsAll(near);
      List<String> nearShape =
          v.nearest("round", 3).stream().map(WordVectors.Neighbour::word).toList();
      assertThat(SHAPES).as(m + " neighbours of round: " + nearShape).containsAll(nearShape);
    }
  }

  @Test
  void vocabularyDropsRareWordsAndCountsAllTokens() {
    TokenizedCorpus c = TokenizedCorpus.of(List.of("a a a b b c", "a b d"), 2);
    assertThat(c.words()).containsExactly("a", "b");
    assertThat(c.counts()).containsExactly(4L, 3L);
    assertThat(c.rawTokens()).isEqualTo(9);
    assertThat(c.ids()).containsExactly(0, 0, 0, 1, 1, 0, 1);
    assertThat(c.sentenceStarts()).containsExactly(0, 5);
  }

  @Test
  void reportsProgressUpToTheTotal() {
    TokenizedCorpus c = TokenizedCorpus.of(corpus(3000, 3), 2);
    AtomicLong last = new AtomicLong();
    AtomicLong total = new AtomicLong();
    Progress.Factory f =
        (task, t, unit) -> {
          total.set(t);
          assertThat(task).isEqualTo("word2vec skip-gram");
          assertThat(unit).isEqualTo("words");
          return (Progress.Simple) last::set;
        };
    var r = new Word2VecTrainer(small(Word2VecModel.SKIP_GRAM, 1), f).train(c);
    assertThat(total.get()).isEqualTo(3L * c.retainedTokens());
    assertThat(last.get()).isEqualTo(total.get());
    assertThat(r.rawTokens()).isEqualTo(3L * c.rawTokens());
    assertThat(r.tokensPerSecond()).isPositive();
  }

  @Test
  void realOxfordCaptionsGiveColourNeighbours() throws Exception {
    Path captions =
        Path.of(
            System.getProperty("t2i.shared.data", "../../shared/data"),
            "oxford102",
            "captions-corpus.txt");
    List<String> lines = Files.readAllLines(captions).subList(0, 20_000);
    TokenizedCorpus c = TokenizedCorpus.of(lines, 5);
    WordVectors v =
        new Word2VecTrainer(
                new Word2VecSettings(Word2VecModel.SKIP_GRAM, 50, 5, 5, 5, 1e-3, null, 2, 2, 1L),
                Progress.Factory.SILENT)
            .train(c)
            .vectors();
    Set<String> colours =
        Set.of(
            "red",
            "pink",
            "yellow",
            "white",
            "purple",
            "orange",
            "blue",
            "violet",
            "lavender",
            "magenta",
            "maroon",
            "green",
            "burgundy",
            "fuchsia",
            "lilac",
            "cream",
            "dark",
            "light",
            "bright",
            "peach",
            "salmon",
            "coral");
    List<String> near = v.nearest("pink", 5).stream().map(WordVectors.Neighbour::word).toList();
    assertThat(near.stream().filter(colours::contains).count())
        .as("neighbours of pink: " + near)
        .isGreaterThanOrEqualTo(4);
  }
}
