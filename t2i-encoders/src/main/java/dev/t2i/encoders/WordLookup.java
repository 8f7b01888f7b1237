package dev.t2i.encoders;

import dev.t2i.api.text.Tokenizer;
import dev.t2i.encoders.vectors.WordVectors;
import java.util.ArrayList;
import java.util.List;

/**
 * Tokenizes a caption and finds each token's row in the word vectors, applying the
 * out-of-vocabulary policy.
 *
 * @param rows one row per kept token; -1 stands for a zero vector (policy {@code zero})
 * @param tokens tokens in the caption
 * @param outOfVocabulary tokens without a vector, in order
 */
record WordLookup(int[] rows, int tokens, List<String> outOfVocabulary) {

  static WordLookup of(String caption, WordVectors vectors, OovPolicy policy) {
    List<String> tokens = Tokenizer.tokenize(caption);
    int[] rows = new int[tokens.size()];
    int n = 0;
    List<String> oov = new ArrayList<>();
    for (String t : tokens) {
      int row = vectors.indexOf(t);
      if (row < 0) {
        oov.add(t);
        switch (policy) {
          case SKIP -> {
            continue;
          }
          case ZERO -> row = -1;
          case ERROR ->
              throw new IllegalArgumentException(
                  "'"
                      + t
                      + "' in the caption \""
                      + caption
                      + "\" has no word vector, and the encoder's oov policy is 'error'"
                      + " (use 'skip' or 'zero' to accept unknown words)");
        }
      }
      rows[n++] = row;
    }
    return new WordLookup(java.util.Arrays.copyOf(rows, n), tokens.size(), oov);
  }
}
