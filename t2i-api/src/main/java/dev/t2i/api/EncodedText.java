package dev.t2i.api;

import java.util.List;

/**
 * One encoded caption.
 *
 * @param values {@link TextShape#size()} floats, row-major ({@code steps × dimension})
 * @param mask one float per step, 1 for a real token and 0 for padding; a pooled encoding has a
 *     single 1
 * @param tokens number of tokens the tokenizer produced
 * @param outOfVocabulary the tokens that had no vector, in order of appearance
 */
public record EncodedText(float[] values, float[] mask, int tokens, List<String> outOfVocabulary) {
  public EncodedText {
    Checks.required("values", values);
    Checks.required("mask", mask);
    outOfVocabulary = List.copyOf(outOfVocabulary);
  }

  /** Number of steps that hold a real token. */
  public int length() {
    int n = 0;
    for (float m : mask) {
      if (m > 0) {
        n++;
      }
    }
    return n;
  }
}
