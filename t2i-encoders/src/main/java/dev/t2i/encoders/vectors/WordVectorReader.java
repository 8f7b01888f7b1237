package dev.t2i.encoders.vectors;

import dev.t2i.api.InvariantViolation;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.ndarray.buffer.layout.DataLayouts;

/**
 * Reads word-vector files, streaming.
 *
 * <p>Every claim of a header is checked against the file's size before memory is allocated for it,
 * so a corrupt header fails at once with its byte offset instead of exhausting memory. With a
 * vocabulary to keep, only those words' vectors are stored: a 3-million-word file loads a caption
 * vocabulary in memory proportional to the captions.
 */
public final class WordVectorReader {
  private static final Logger LOG = LoggerFactory.getLogger(WordVectorReader.class);

  /** The longest line a text vectors file may have: a word and 10,000 numbers fit many times. */
  static final int MAX_LINE_CHARS = 1 << 20;

  /** Largest vector dimension accepted. */
  public static final int MAX_DIMENSION = 10_000;

  /** Longest word accepted, in bytes. */
  public static final int MAX_WORD_BYTES = 4_096;

  private Set<String> keep;
  private int expectedDimension;

  /** Keeps only these words (others are read past, not stored). */
  public WordVectorReader keepOnly(Set<String> words) {
    this.keep = words == null ? null : Set.copyOf(words);
    return this;
  }

  /** Requires this dimension; a file of another dimension is an error naming both. */
  public WordVectorReader expectDimension(int dimension) {
    this.expectedDimension = dimension;
    return this;
  }

  /** Reads {@code file}, detecting its format. */
  public WordVectors read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such word-vector file");
    }
    return read(file, WordVectorFormat.detect(file));
  }

  /** Reads {@code file} in {@code format}. */
  public WordVectors read(Path file, WordVectorFormat format) throws IOException {
    return switch (format) {
      case WORD2VEC_BINARY -> readBinary(file, false);
      case WORD2VEC_BINARY_FLOAT16 -> readBinary(file, true);
      case WORD2VEC_TEXT -> readText(file, true);
      case GLOVE -> readText(file, false);
    };
  }

  private void checkDimension(Path file, String where, long dimension) {
    if (dimension <= 0 || dimension > MAX_DIMENSION) {
      throw new WordVectorsException(
          file + ": " + where + ": dimension " + dimension + " is outside 1.." + MAX_DIMENSION);
    }
    if (expectedDimension > 0 && dimension != expectedDimension) {
      throw new WordVectorsException(
          file
              + ": "
              + where
              + ": the vectors have dimension "
              + dimension
              + ", but "
              + expectedDimension
              + " is configured; set the encoder's dimension to "
              + dimension
              + " or use other vectors");
    }
  }

  private WordVectors readBinary(Path file, boolean halves) throws IOException {
    long size = Files.size(file);
    try (CountingStream in =
        new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      String header = in.readLine(file, 64);
      String[] parts = header.trim().split("\\s+");
      String expected = halves ? "VOCAB DIMENSION float16" : "VOCAB DIMENSION";
      if (parts.length != (halves ? 3 : 2)
          || !parts[0].matches("\\d{1,18}")
          || !parts[1].matches("\\d{1,18}")
          || (halves && !parts[2].equals("float16"))) {
        throw WordVectorsException.atByte(
            file, 0, "expected a header '" + expected + "', found '" + printable(header) + "'");
      }
      long words = Long.parseLong(parts[0]);
      long dim = Long.parseLong(parts[1]);
      checkDimension(file, "header", dim);
      int bytesPerValue = halves ? 2 : 4;
      long perWord = bytesPerValue * dim + 2;
      long available = size - in.offset();
      if (words > available / perWord) {
        throw WordVectorsException.atByte(
            file,
            0,
            String.format(
                "header claims %d words of dimension %d, which need at least %d bytes; the file has %d after its header (truncated, or not a binary word2vec file)",
                words, dim, words * perWord, available));
      }
      int d = (int) dim;
      Store store = new Store(d, keep, words);
      byte[] raw = new byte[bytesPerValue * d];
      FloatBufferView floats = new FloatBufferView(raw, halves);
      byte[] wordBytes = new byte[MAX_WORD_BYTES];
      for (long w = 0; w < words; w++) {
        long wordOffset = in.offset();
        int len = 0;
        int b;
        while (true) {
          b = in.read();
          if (b < 0) {
            throw WordVectorsException.atByte(
                file,
                in.offset(),
                "truncated: the header promised "
                    + words
                    + " words, the file ends inside word "
                    + (w + 1));
          }
          if (b == ' ') {
            break;
          }
          if (b == '\n' && len == 0) {
            continue;
          }
          if (len == MAX_WORD_BYTES) {
            throw WordVectorsException.atByte(
                file,
                wordOffset,
                "word "
                    + (w + 1)
                    + " is longer than "
                    + MAX_WORD_BYTES
                    + " bytes; not a binary word2vec file?");
          }
          wordBytes[len++] = (byte) b;
        }
        if (len == 0) {
          throw WordVectorsException.atByte(file, wordOffset, "word " + (w + 1) + " is empty");
        }
        String word = decode(wordBytes, len);
        try {
          in.readFully(raw);
        } catch (EOFException e) {
          throw WordVectorsException.atByte(
              file,
              in.offset(),
              "truncated: word "
                  + (w + 1)
                  + " ('"
                  + printable(word)
                  + "') needs "
                  + raw.length
                  + " bytes of floats, the file ends first");
        }
        if (store.wants(word)) {
          float[] values = floats.read(d);
          for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
              throw WordVectorsException.atByte(
                  file,
                  in.offset() - raw.length + (long) i * (raw.length / d),
                  "value "
                      + (i + 1)
                      + " of word '"
                      + printable(word)
                      + "' is "
                      + values[i]
                      + "; word vectors must be finite numbers");
            }
          }
          store.add(word, values);
        }
      }
      // word2vec ends the last vector with a newline; anything after it means the header is wrong.
      int after = in.read();
      if (after == '\n') {
        after = in.read();
      }
      if (after >= 0) {
        throw WordVectorsException.atByte(
            file,
            in.offset() - 1,
            "the header promises "
                + words
                + " words, and the file goes on after the last of them: a header that undercounts?");
      }
      return store.build(file);
    }
  }

  private WordVectors readText(Path file, boolean hasHeader) throws IOException {
    long size = Files.size(file);
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader r =
        new BufferedReader(
            new BoundedLines(
                new InputStreamReader(Files.newInputStream(file), decoder), file, MAX_LINE_CHARS),
            1 << 16)) {
      long lineNo = 0;
      long words = -1;
      int dim = -1;
      String line;
      if (hasHeader) {
        line = r.readLine();
        lineNo++;
        if (line == null) {
          throw WordVectorsException.atLine(
              file, 1, "empty file; expected a header 'VOCAB DIMENSION'");
        }
        String[] parts = line.trim().split("\\s+");
        if (parts.length != 2 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("\\d{1,18}")) {
          throw WordVectorsException.atLine(
              file, 1, "expected a header 'VOCAB DIMENSION', found '" + printable(line) + "'");
        }
        words = Long.parseLong(parts[0]);
        long d = Long.parseLong(parts[1]);
        checkDimension(file, "line 1", d);
        dim = (int) d;
        if (words > size / (2L * dim + 2)) {
          throw WordVectorsException.atLine(
              file,
              1,
              String.format(
                  "header claims %d words of dimension %d, more than a %d-byte file can hold",
                  words, dim, size));
        }
      }
      Store store = null;
      long read = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.strip().split(" +");
        if (dim < 0) {
          if (fields.length < 2) {
            throw WordVectorsException.atLine(
                file,
                lineNo,
                "expected a header 'VOCAB DIMENSION' or a word followed by its numbers, found '"
                    + printable(line)
                    + "'");
          }
          checkDimension(file, "line " + lineNo, fields.length - 1);
          dim = fields.length - 1;
        }
        if (store == null) {
          store = new Store(dim, keep, words > 0 ? words : 1 << 16);
        }
        if (fields.length < dim + 1) {
          throw WordVectorsException.atLine(
              file,
              lineNo,
              "expected a word and " + dim + " numbers, found " + fields.length + " fields");
        }
        int wordFields = fields.length - dim;
        // A word may contain spaces, but a "word" of numbers means a line with too many numbers.
        if (wordFields > 1 && isNumber(fields[wordFields - 1])) {
          throw WordVectorsException.atLine(
              file,
              lineNo,
              "expected a word and "
                  + dim
                  + " numbers, found "
                  + (fields.length - 1)
                  + " numbers after '"
                  + printable(fields[0])
                  + "'");
        }
        String word =
            wordFields == 1 ? fields[0] : String.join(" ", Arrays.copyOf(fields, wordFields));
        read++;
        if (hasHeader && read > words) {
          throw WordVectorsException.atLine(
              file, lineNo, "more vectors than the " + words + " the header announced");
        }
        if (!store.wants(word)) {
          continue;
        }
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
          String f = fields[wordFields + i];
          try {
            v[i] = Float.parseFloat(f);
          } catch (NumberFormatException e) {
            throw WordVectorsException.atLine(
                file,
                lineNo,
                "field "
                    + (wordFields + i + 1)
                    + " of word '"
                    + printable(word)
                    + "': '"
                    + printable(f)
                    + "' is not a number");
          }
          if (!Float.isFinite(v[i])) {
            throw WordVectorsException.atLine(
                file,
                lineNo,
                "field "
                    + (wordFields + i + 1)
                    + " of word '"
                    + printable(word)
                    + "' is "
                    + f
                    + "; vectors must be finite");
          }
        }
        store.add(word, v);
      }
      if (hasHeader && read < words) {
        throw WordVectorsException.atLine(
            file,
            lineNo,
            "truncated: the header announced " + words + " words, the file has " + read);
      }
      if (store == null) {
        throw WordVectorsException.atLine(file, lineNo, "no vectors in the file");
      }
      return store.build(file);
    }
  }

  private static String decode(byte[] bytes, int len) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes, 0, len)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InvariantViolation("a decoder that replaces malformed input refused some", e);
    }
  }

  private static String printable(String s) {
    String t = s.length() > 40 ? s.substring(0, 40) + "…" : s;
    StringBuilder sb = new StringBuilder();
    for (char c : t.toCharArray()) {
      sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return sb.toString();
  }

  /** Collects vectors, growing its array as words arrive; drops duplicates with a warning. */
  private static final class Store {
    final int dim;
    final Set<String> keep;
    final List<String> words = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
    float[] data;
    int duplicates;

    Store(int dim, Set<String> keep, long expected) {
      this.dim = dim;
      this.keep = keep;
      long initial = keep != null ? Math.min(keep.size(), expected) : Math.min(expected, 1 << 16);
      this.data = new float[(int) Math.max(1, initial) * dim];
    }

    boolean wants(String word) {
      return keep == null || keep.contains(word);
    }

    void add(String word, float[] v) {
      if (!seen.add(word)) {
        duplicates++;
        return;
      }
      int n = words.size();
      if ((long) (n + 1) * dim > data.length) {
        long grown = Math.max((long) (n + 1) * dim, (long) (data.length * 1.5));
        if (grown > Integer.MAX_VALUE - 8) {
          throw new WordVectorsException(
              "more vectors than fit in one array (" + n + " × " + dim + ")");
        }
        data = Arrays.copyOf(data, (int) grown);
      }
      System.arraycopy(v, 0, data, n * dim, dim);
      words.add(word);
    }

    WordVectors build(Path file) {
      if (duplicates > 0) {
        LOG.warn("{}: {} duplicate words; kept the first vector of each", file, duplicates);
      }
      return new WordVectors(words, Arrays.copyOf(data, words.size() * dim), dim);
    }
  }

  /** Decodes little-endian floats, or half-precision values, from a reused byte array. */
  private static final class FloatBufferView {
    final ByteBuffer buffer;
    final boolean halves;
    final short[] bits;

    /**
     * {@code bits} read as floats through TensorFlow's half-precision layout (a view, made once).
     */
    final FloatDataBuffer half;

    final float[] out;

    FloatBufferView(byte[] raw, boolean halves) {
      this.buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      this.halves = halves;
      this.bits = new short[halves ? raw.length / 2 : 0];
      this.half = DataLayouts.FLOAT16.applyTo(DataBuffers.of(bits, true, false));
      this.out = new float[raw.length / (halves ? 2 : 4)];
    }

    float[] read(int dim) {
      buffer.clear();
      if (halves) {
        buffer.asShortBuffer().get(bits, 0, dim);
        half.read(out, 0, dim);
      } else {
        buffer.asFloatBuffer().get(out, 0, dim);
      }
      return out;
    }
  }

  /** An input stream that knows its byte offset. */
  private static final class CountingStream extends InputStream {
    final InputStream in;
    long offset;

    CountingStream(InputStream in) {
      this.in = in;
    }

    long offset() {
      return offset;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        offset++;
      }
      return b;
    }

    void readFully(byte[] dst) throws IOException {
      int n = in.readNBytes(dst, 0, dst.length);
      offset += n;
      if (n < dst.length) {
        throw new EOFException();
      }
    }

    String readLine(Path file, int max) throws IOException {
      StringBuilder sb = new StringBuilder();
      int b;
      while ((b = read()) >= 0 && b != '\n') {
        if (sb.length() >= max) {
          throw WordVectorsException.atByte(
              file, 0, "no header line in the first " + max + " bytes; not a binary word2vec file");
        }
        sb.append((char) b);
      }
      return sb.toString();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private static boolean isNumber(String s) {
    try {
      Float.parseFloat(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
