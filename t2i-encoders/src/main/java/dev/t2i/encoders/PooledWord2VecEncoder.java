package dev.t2i.encoders;

import dev.t2i.api.EncodedText;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.encoders.vectors.WordVectors;
import jakarta.inject.Inject;

/**
 * {@code word2vec-sum}: the sum or mean of a caption's word vectors, the report's 1 × 400 input. A
 * caption with no known word encodes as zeros with a mask of 0.
 */
public final class PooledWord2VecEncoder implements TextEncoder {
  private final PooledEncoderSettings settings;
  private final WordVectorsProvider provider;

  @Inject
  public PooledWord2VecEncoder(PooledEncoderSettings settings, WordVectorsProvider provider) {
    this.settings = settings;
    this.provider = provider;
  }

  @Override
  public TextShape shape() {
    return TextShape.pooled(settings.vectors().dimension());
  }

  @Override
  public EncodedText encode(String caption) {
    WordVectors vectors = provider.get(settings.vectors());
    WordLookup lookup = WordLookup.of(caption, vectors, settings.oov());
    int d = vectors.dimension();
    float[] out = new float[d];
    for (int row : lookup.rows()) {
      if (row >= 0) {
        vectors.addTo(row, 1f, out, 0);
      }
    }
    int n = lookup.rows().length;
    if (settings.pooling() == Pooling.MEAN && n > 0) {
      for (int i = 0; i < d; i++) {
        out[i] /= n;
      }
    }
    return new EncodedText(
        out, new float[] {n > 0 ? 1f : 0f}, lookup.tokens(), lookup.outOfVocabulary());
  }
}
