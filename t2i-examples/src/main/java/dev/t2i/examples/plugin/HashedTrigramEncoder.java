package dev.t2i.examples.plugin;

import dev.t2i.api.EncodedText;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.api.text.Tokenizer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * {@code hashed-trigrams}: a caption as the normalised counts of its words' character trigrams,
 * hashed into a fixed number of buckets. It needs no training and knows every word, and unlike
 * word2vec on template captions it tells "red" from "blue" at once.
 */
public final class HashedTrigramEncoder implements TextEncoder {
  private final int dimension;

  @Inject
  public HashedTrigramEncoder(HashedTrigramSettings settings) {
    this.dimension = settings.dimension();
  }

  @Override
  public TextShape shape() {
    return TextShape.pooled(dimension);
  }

  @Override
  public EncodedText encode(String caption) {
    List<String> tokens = Tokenizer.tokenize(caption);
    float[] v = new float[dimension];
    CRC32 crc = new CRC32();
    for (String token : tokens) {
      String padded = "#" + token + "#";
      for (int i = 0; i + 3 <= padded.length(); i++) {
        crc.reset();
        crc.update(padded.substring(i, i + 3).getBytes(StandardCharsets.UTF_8));
        v[(int) (crc.getValue() % dimension)] += 1f;
      }
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm > 0) {
      float inv = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < dimension; i++) {
        v[i] *= inv;
      }
    }
    return new EncodedText(v, new float[] {tokens.isEmpty() ? 0f : 1f}, tokens.size(), List.of());
  }
}
