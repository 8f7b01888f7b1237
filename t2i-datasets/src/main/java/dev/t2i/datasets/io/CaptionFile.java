package dev.t2i.datasets.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads caption files: one caption per non-blank line, strict UTF-8. */
public final class CaptionFile {
  /** Largest caption file read, in bytes. */
  public static final int MAX_BYTES = 1 << 20;

  private CaptionFile() {}

  /**
   * The captions of {@code file}, or null after reporting a problem to {@code log}: a missing,
   * empty, oversized or non-UTF-8 file.
   */
  public static List<String> read(Path file, LoadLog log) throws IOException {
    byte[] bytes;
    try {
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        // A FIFO would block the read for ever; a folder has no captions.
        log.problem(file.toString(), "not a regular file (a folder, FIFO or device)");
        return null;
      }
      if (Files.size(file) > MAX_BYTES) {
        log.problem(file.toString(), "caption file larger than " + MAX_BYTES + " bytes");
        return null;
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      log.problem(file.toString(), "missing caption file");
      return null;
    }
    String text;
    try {
      text = decoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      log.problem(file.toString(), "not UTF-8 at byte " + firstBadByte(bytes));
      return null;
    }
    List<String> captions = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      String c = line.strip();
      if (!c.isEmpty()) {
        captions.add(c);
      }
    }
    if (captions.isEmpty()) {
      log.problem(file.toString(), "empty caption file");
      return null;
    }
    return captions;
  }

  /** Strict UTF-8: malformed input is an error, not a replacement character. */
  public static CharsetDecoder decoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** The offset of the first byte that is not valid UTF-8, or -1. */
  static int firstBadByte(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    java.nio.charset.CoderResult r = decoder().decode(in, out, true);
    return r.isError() ? in.position() : -1;
  }

  /**
   * Reads an index file of lines, strictly UTF-8.
   *
   * @param dataset the data set's type id, which starts every error message, as the loaders' own do
   * @throws dev.t2i.api.data.DatasetException naming the line of the first bad byte
   */
  public static List<String> lines(String dataset, Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return List.of(decoder().decode(ByteBuffer.wrap(bytes)).toString().split("\r?\n"));
    } catch (CharacterCodingException e) {
      int bad = firstBadByte(bytes);
      int line = 1;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new dev.t2i.api.data.DatasetException(
          dataset
              + ": "
              + file
              + ":"
              + line
              + ": not UTF-8 (byte "
              + bad
              + " of the file); index files must be UTF-8 text");
    }
  }
}
