package dev.t2i.api;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Turns a caption into numbers: a pooled vector ({@code 1 × D}) or a sequence of word vectors
 * ({@code T × D} with a mask).
 *
 * <p>Encoding runs on the CPU, outside the TensorFlow graph; the trainer feeds its output. Every
 * implementation tokenizes with {@link dev.t2i.api.text.Tokenizer}, so that training, encoding and
 * generation see the same words. Implementations are thread-safe.
 */
public interface TextEncoder {

  /** Settings of a text encoder; YAML selects the implementation with {@code type:}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  interface Settings {}

  /** The shape of every encoding. Known from the settings alone, without loading anything. */
  TextShape shape();

  /**
   * Encodes one caption. The first call may load or train word vectors.
   *
   * @throws IllegalArgumentException if the caption breaks the configured out-of-vocabulary policy
   */
  EncodedText encode(String caption);
}
