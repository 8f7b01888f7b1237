package dev.t2i.eval;

import dev.t2i.api.data.Example;
import dev.t2i.datasets.pipeline.Images;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/** Examples with one label per classifier head, decoded on demand in batches. */
final class LabelledImages {
  private final List<Example> examples;
  private final List<ToIntFunction<Example>> labels;
  private final int size;

  LabelledImages(List<Example> examples, List<ToIntFunction<Example>> labels, int size) {
    this.examples = examples;
    this.labels = labels;
    this.size = size;
  }

  int size() {
    return examples.size();
  }

  Example example(int i) {
    return examples.get(i);
  }

  /** The labels of example {@code i}, one per head. */
  int[] labels(int i) {
    int[] out = new int[labels.size()];
    for (int h = 0; h < out.length; h++) {
      out[h] = labels.get(h).applyAsInt(examples.get(i));
    }
    return out;
  }

  /** Pixels of examples {@code [start, start + batch)}, NHWC. */
  IntFunction<float[]> batches(int batch) {
    return start -> {
      int m = Math.min(batch, examples.size() - start);
      float[] out = new float[m * size * size * 3];
      for (int i = 0; i < m; i++) {
        try {
          float[] px = Images.pixels(examples.get(start + i).image(), size);
          System.arraycopy(px, 0, out, i * px.length, px.length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return out;
    };
  }
}
