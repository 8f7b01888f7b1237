package dev.t2i.encoders;

import dev.t2i.api.EncodedText;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.encoders.vectors.WordVectors;
import jakarta.inject.Inject;

/**
 * {@code word2vec-sequence}: a caption's word vectors in order, {@code T × D}, the report's 25 ×
 * 400 input. Shorter captions are padded at the end with zeros and a mask of 0.
 */
public final class SequenceWord2VecEncoder implements TextEncoder {
  private final SequenceEncoderSettings settings;
  private final WordVectorsProvider provider;

  @Inject
  public SequenceWord2VecEncoder(SequenceEncoderSettings settings, WordVectorsProvider provider) {
    this.settings = settings;
    this.provider = provider;
  }

  @Override
  public TextShape shape() {
    return TextShape.sequence(settings.steps(), settings.vectors().dimension());
  }

  @Override
  public EncodedText encode(String caption) {
    WordVectors vectors = provider.get(settings.vectors());
    WordLookup lookup = WordLookup.of(caption, vectors, settings.oov());
    int t = settings.steps();
    int d = vectors.dimension();
    int[] rows = lookup.rows();
    int keep = Math.min(rows.length, t);
    int from = settings.truncate() == Truncation.KEEP_LAST ? rows.length - keep : 0;
    float[] out = new float[t * d];
    float[] mask = new float[t];
    for (int s = 0; s < keep; s++) {
      int row = rows[from + s];
      if (row >= 0) {
        vectors.addTo(row, 1f, out, s * d);
      }
      mask[s] = 1f;
    }
    return new EncodedText(out, mask, lookup.tokens(), lookup.outOfVocabulary());
  }
}
