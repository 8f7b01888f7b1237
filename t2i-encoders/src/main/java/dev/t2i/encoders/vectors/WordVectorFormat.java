package dev.t2i.encoders.vectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The word-vector file formats t2i reads and writes. */
public enum WordVectorFormat {
  /** Google's binary word2vec: header {@code "V D\n"}, then word, space, D little-endian floats. */
  @JsonProperty("word2vec-binary")
  WORD2VEC_BINARY,
  /**
   * The binary word2vec layout at half the size: header {@code "V D float16\n"}, then word, space,
   * D little-endian IEEE 754 half-precision values. Shipped models store their vectors so.
   */
  @JsonProperty("word2vec-binary-float16")
  WORD2VEC_BINARY_FLOAT16,
  /** word2vec text: header {@code "V D"}, then one {@code word f1 … fD} line per word. */
  @JsonProperty("word2vec-text")
  WORD2VEC_TEXT,
  /** GloVe text: no header, one {@code word f1 … fD} line per word. */
  @JsonProperty("glove")
  GLOVE;

  /** The YAML and CLI name. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The format named {@code id}, such as {@code word2vec-binary}. */
  public static WordVectorFormat of(String id) {
    for (WordVectorFormat f : values()) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown vector format '"
            + id
            + "'; known: word2vec-binary, word2vec-binary-float16, word2vec-text, glove");
  }

  /**
   * Guesses the format from the first bytes: a {@code "V D float16"} header is binary float16; a
   * {@code "V D"} header followed by non-text bytes is binary, followed by text is word2vec text; a
   * first line of a word and numbers is GloVe.
   */
  public static WordVectorFormat detect(Path file) throws IOException {
    byte[] head = new byte[4096];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    int nl = -1;
    for (int i = 0; i < n; i++) {
      if (head[i] == '\n') {
        nl = i;
        break;
      }
    }
    String first =
        new String(head, 0, nl < 0 ? n : nl, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
    if (first.matches("\\d+\\s+\\d+\\s+float16")) {
      return WORD2VEC_BINARY_FLOAT16;
    }
    if (first.matches("\\d+\\s+\\d+")) {
      for (int i = nl + 1; i < n; i++) {
        int b = head[i] & 0xff;
        if (b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t')) {
          return WORD2VEC_BINARY;
        }
      }
      String name = file.getFileName().toString();
      return name.endsWith(".bin") ? WORD2VEC_BINARY : WORD2VEC_TEXT;
    }
    return GLOVE;
  }
}
