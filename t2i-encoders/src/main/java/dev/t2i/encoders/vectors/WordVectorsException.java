package dev.t2i.encoders.vectors;

import java.nio.file.Path;

/**
 * A word-vector file that cannot be read. The message names the file and the byte offset or line,
 * what was found and what was expected.
 */
public final class WordVectorsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WordVectorsException(String message) {
    super(message);
  }

  public WordVectorsException(String message, Throwable cause) {
    super(message, cause);
  }

  static WordVectorsException atByte(Path file, long offset, String problem) {
    return new WordVectorsException(file + ": at byte " + offset + ": " + problem);
  }

  static WordVectorsException atLine(Path file, long line, String problem) {
    return new WordVectorsException(file + ":" + line + ": " + problem);
  }
}
