package dev.t2i.encoders.vectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** A vocabulary and one float vector per word, stored row-major in one array. Immutable. */
public final class WordVectors {

  /** A word and its cosine similarity to a query. */
  public record Neighbour(String word, float similarity) {}

  private final String[] words;
  private final Map<String, Integer> index;
  private final float[] vectors;
  private final int dimension;

  /**
   * @param words the vocabulary, in order; no duplicates
   * @param vectors {@code words.length × dimension} floats, row-major; not copied
   */
  public WordVectors(List<String> words, float[] vectors, int dimension) {
    if (dimension <= 0) {
      throw new IllegalArgumentException("dimension must be > 0, was " + dimension);
    }
    if ((long) words.size() * dimension != vectors.length) {
      throw new IllegalArgumentException(
          words.size() + " words × " + dimension + " ≠ " + vectors.length + " floats");
    }
    this.words = words.toArray(String[]::new);
    this.index = new HashMap<>(words.size() * 2);
    for (int i = 0; i < this.words.length; i++) {
      if (index.putIfAbsent(this.words[i], i) != null) {
        throw new IllegalArgumentException(
            "duplicate word '"
                + this.words[i]
                + "' at rows "
                + index.get(this.words[i])
                + " and "
                + i);
      }
    }
    this.vectors = vectors;
    this.dimension = dimension;
  }

  public int dimension() {
    return dimension;
  }

  public int size() {
    return words.length;
  }

  /** The word at row {@code i}. */
  public String word(int i) {
    return words[i];
  }

  /** The row of {@code word}, or -1. */
  public int indexOf(String word) {
    Integer i = index.get(word);
    return i == null ? -1 : i;
  }

  public boolean contains(String word) {
    return index.containsKey(word);
  }

  /** Adds {@code scale ×} the vector of row {@code row} into {@code out} at {@code offset}. */
  public void addTo(int row, float scale, float[] out, int offset) {
    int base = row * dimension;
    for (int d = 0; d < dimension; d++) {
      out[offset + d] += scale * vectors[base + d];
    }
  }

  /** A copy of the vector of row {@code row}. */
  public float[] vector(int row) {
    return Arrays.copyOfRange(vectors, row * dimension, (row + 1) * dimension);
  }

  /** The backing array, row-major. Do not modify. */
  public float[] rawVectors() {
    return vectors;
  }

  /** The vocabulary, in row order. */
  public List<String> words() {
    return List.of(words);
  }

  /** A copy holding only the given words that are present, in this object's row order. */
  public WordVectors restrictTo(java.util.Set<String> keep) {
    List<String> kept = new ArrayList<>();
    float[] out = new float[Math.min(keep.size(), words.length) * dimension];
    int n = 0;
    for (int i = 0; i < words.length; i++) {
      if (keep.contains(words[i])) {
        System.arraycopy(vectors, i * dimension, out, n * dimension, dimension);
        kept.add(words[i]);
        n++;
      }
    }
    return new WordVectors(kept, Arrays.copyOf(out, n * dimension), dimension);
  }

  /** The {@code k} words most similar to {@code word} by cosine, excluding itself. */
  public List<Neighbour> nearest(String word, int k) {
    int row = indexOf(word);
    if (row < 0) {
      throw new IllegalArgumentException("'" + word + "' is not in the vocabulary");
    }
    return nearest(vector(row), k, row);
  }

  /** The {@code k} words most similar to {@code query} by cosine, excluding row {@code skip}. */
  public List<Neighbour> nearest(float[] query, int k, int skip) {
    double qn = norm(query, 0);
    PriorityQueue<Neighbour> best =
        new PriorityQueue<>((a, b) -> Float.compare(a.similarity(), b.similarity()));
    for (int i = 0; i < words.length; i++) {
      if (i == skip) {
        continue;
      }
      double dot = 0;
      int base = i * dimension;
      for (int d = 0; d < dimension; d++) {
        dot += query[d] * vectors[base + d];
      }
      double n = norm(vectors, base);
      float sim = (float) (n == 0 || qn == 0 ? 0 : dot / (n * qn));
      if (best.size() < k) {
        best.add(new Neighbour(words[i], sim));
      } else if (sim > best.peek().similarity()) {
        best.poll();
        best.add(new Neighbour(words[i], sim));
      }
    }
    List<Neighbour> out = new ArrayList<>(best);
    out.sort((a, b) -> Float.compare(b.similarity(), a.similarity()));
    return out;
  }

  private double norm(float[] v, int base) {
    double s = 0;
    for (int d = 0; d < dimension; d++) {
      s += v[base + d] * v[base + d];
    }
    return Math.sqrt(s);
  }
}
