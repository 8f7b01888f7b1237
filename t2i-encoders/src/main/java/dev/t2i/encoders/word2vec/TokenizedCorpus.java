package dev.t2i.encoders.word2vec;

import dev.t2i.api.text.Tokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A corpus read once into word ids, with the vocabulary of words seen at least {@code minCount}
 * times, sorted by frequency. Rarer words are dropped from the id sequence, as word2vec does;
 * {@link #rawTokens()} still counts them.
 *
 * <p>Each line is a sentence; a line of more than {@value #MAX_SENTENCE} tokens is split.
 */
public final class TokenizedCorpus {
  /** Longest sentence; longer lines are split, as in word2vec. */
  public static final int MAX_SENTENCE = 10_000;

  private final String[] words;
  private final long[] counts;
  private final int[] ids;
  private final int[] sentenceStarts;
  private final long rawTokens;

  private TokenizedCorpus(
      String[] words, long[] counts, int[] ids, int[] sentenceStarts, long rawTokens) {
    this.words = words;
    this.counts = counts;
    this.ids = ids;
    this.sentenceStarts = sentenceStarts;
    this.rawTokens = rawTokens;
  }

  /** Reads a text file; {@code .xz} and {@code .gz} files are decompressed on the fly. */
  public static TokenizedCorpus read(Path file, int minCount) throws IOException {
    try (BufferedReader r = open(file)) {
      return build(r.lines()::iterator, minCount);
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Builds from sentences in memory, such as a data set's captions. */
  public static TokenizedCorpus of(Iterable<String> sentences, int minCount) {
    return build(sentences, minCount);
  }

  static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    String name = file.getFileName().toString();
    if (name.endsWith(".xz")) {
      in = new XZInputStream(new java.io.BufferedInputStream(in, 1 << 16));
    } else if (name.endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
  }

  private static TokenizedCorpus build(Iterable<String> sentences, int minCount) {
    Map<String, Integer> tmpIds = new HashMap<>(1 << 16);
    List<String> tmpWords = new ArrayList<>();
    long[][] tmpCounts = {new long[1 << 16]};
    int[][] seq = {new int[1 << 20]};
    int[] len = {0};
    List<Integer> starts = new ArrayList<>();
    int[] inSentence = {0};
    for (String line : sentences) {
      starts.add(len[0]);
      inSentence[0] = 0;
      Tokenizer.tokenize(
          line,
          token -> {
            Integer id = tmpIds.get(token);
            if (id == null) {
              id = tmpWords.size();
              tmpIds.put(token, id);
              tmpWords.add(token);
              if (id >= tmpCounts[0].length) {
                tmpCounts[0] = Arrays.copyOf(tmpCounts[0], tmpCounts[0].length * 2);
              }
            }
            tmpCounts[0][id]++;
            if (len[0] == seq[0].length) {
              seq[0] = Arrays.copyOf(seq[0], seq[0].length + (seq[0].length >> 1));
            }
            if (inSentence[0] == MAX_SENTENCE) {
              starts.add(len[0]);
              inSentence[0] = 0;
            }
            seq[0][len[0]++] = id;
            inSentence[0]++;
          });
    }
    long raw = len[0];
    // Keep words seen at least minCount times, most frequent first (ties by first appearance).
    Integer[] order = new Integer[tmpWords.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    long[] c = tmpCounts[0];
    Arrays.sort(order, (a, b) -> c[a] != c[b] ? Long.compare(c[b], c[a]) : Integer.compare(a, b));
    int[] remap = new int[order.length];
    Arrays.fill(remap, -1);
    List<String> vocab = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (Integer i : order) {
      if (c[i] >= minCount) {
        remap[i] = vocab.size();
        vocab.add(tmpWords.get(i));
        counts.add(c[i]);
      }
    }
    // Rewrite the sequence in place, dropping rare words, and move the sentence starts with it.
    int[] s = seq[0];
    int[] newStarts = new int[starts.size()];
    int out = 0;
    int si = 0;
    for (int i = 0; i < len[0]; i++) {
      while (si < newStarts.length && starts.get(si) == i) {
        newStarts[si++] = out;
      }
      int id = remap[s[i]];
      if (id >= 0) {
        s[out++] = id;
      }
    }
    while (si < newStarts.length) {
      newStarts[si++] = out;
    }
    return new TokenizedCorpus(
        vocab.toArray(String[]::new),
        counts.stream().mapToLong(Long::longValue).toArray(),
        Arrays.copyOf(s, out),
        newStarts,
        raw);
  }

  /** Vocabulary, most frequent first. */
  public String[] words() {
    return words;
  }

  /** Occurrences of each vocabulary word. */
  public long[] counts() {
    return counts;
  }

  /** The corpus as vocabulary ids, rare words removed. */
  public int[] ids() {
    return ids;
  }

  /** Start of each sentence in {@link #ids()}. */
  public int[] sentenceStarts() {
    return sentenceStarts;
  }

  /** Tokens in the text, rare words included. */
  public long rawTokens() {
    return rawTokens;
  }

  /** Number of ids: tokens of vocabulary words. */
  public long retainedTokens() {
    return ids.length;
  }
}
