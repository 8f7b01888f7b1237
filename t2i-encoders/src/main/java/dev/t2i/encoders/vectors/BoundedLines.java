package dev.t2i.encoders.vectors;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

/**
 * A reader that refuses a line longer than a limit as it streams by, so that reading lines of a
 * file that has no line breaks (or one line of a gigabyte) fails with a located error instead of
 * filling the heap.
 */
final class BoundedLines extends FilterReader {
  private final Path file;
  private final int limit;
  private long line = 1;
  private int length;

  BoundedLines(Reader in, Path file, int limit) {
    super(in);
    this.file = file;
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c >= 0) {
      count((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] buffer, int offset, int count) throws IOException {
    int n = super.read(buffer, offset, count);
    for (int i = 0; i < n; i++) {
      count(buffer[offset + i]);
    }
    return n;
  }

  private void count(char c) {
    if (c == '\n') {
      line++;
      length = 0;
    } else if (++length > limit) {
      throw WordVectorsException.atLine(
          file, line, "line longer than " + limit + " characters; not a word-vector file?");
    }
  }
}
