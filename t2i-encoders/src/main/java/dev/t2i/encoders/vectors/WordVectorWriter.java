package dev.t2i.encoders.vectors;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.ndarray.buffer.layout.DataLayouts;

/**
 * Writes word vectors in word2vec's binary or text format, atomically: into a temporary file beside
 * the target, then renamed over it.
 */
public final class WordVectorWriter {
  private WordVectorWriter() {}

  /** Writes {@code vectors} to {@code file} in {@code format}. */
  public static void write(WordVectors vectors, Path file, WordVectorFormat format)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      switch (format) {
        case WORD2VEC_BINARY -> writeBinary(vectors, tmp, false);
        case WORD2VEC_BINARY_FLOAT16 -> writeBinary(vectors, tmp, true);
        case WORD2VEC_TEXT -> writeText(vectors, tmp, true);
        case GLOVE -> writeText(vectors, tmp, false);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Binary word2vec, with float32 values or IEEE half-precision ones (rounded to nearest even). */
  private static void writeBinary(WordVectors v, Path file, boolean halves) throws IOException {
    int d = v.dimension();
    float[] all = v.rawVectors();
    int bytes = (halves ? 2 : 4) * d;
    ByteBuffer row = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    short[] bits = new short[halves ? d : 0];
    FloatDataBuffer half = DataLayouts.FLOAT16.applyTo(DataBuffers.of(bits, false, false));
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(
          (v.size() + " " + d + (halves ? " float16" : "") + "\n")
              .getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < v.size(); i++) {
        out.write(v.word(i).getBytes(StandardCharsets.UTF_8));
        out.write(' ');
        row.clear();
        if (halves) {
          half.write(all, i * d, d);
          row.asShortBuffer().put(bits);
        } else {
          row.asFloatBuffer().put(all, i * d, d);
        }
        out.write(row.array(), 0, bytes);
        out.write('\n');
      }
    }
  }

  private static void writeText(WordVectors v, Path file, boolean header) throws IOException {
    int d = v.dimension();
    float[] all = v.rawVectors();
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (header) {
        out.write(v.size() + " " + d + "\n");
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < v.size(); i++) {
        sb.setLength(0);
        sb.append(v.word(i));
        for (int k = 0; k < d; k++) {
          // Float.toString is the shortest text that parses back to the same float.
          sb.append(' ').append(Float.toString(all[i * d + k]));
        }
        sb.append('\n');
        out.write(sb.toString());
      }
    }
  }
}
