package dev.t2i.datasets.oxford;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the one numeric array of a MATLAB v5 {@code .mat} file such as Oxford-102's {@code
 * imagelabels.mat}: a 128-byte header, then data elements, possibly zlib-compressed ({@code
 * miCOMPRESSED}), holding a {@code miMATRIX} of doubles or integers.
 *
 * <p>Only what these label files use is supported; anything else is refused with a message.
 */
final class MatlabLabels {
  private static final int MI_INT8 = 1;
  private static final int MI_UINT8 = 2;
  private static final int MI_INT16 = 3;
  private static final int MI_UINT16 = 4;
  private static final int MI_INT32 = 5;
  private static final int MI_UINT32 = 6;
  private static final int MI_DOUBLE = 9;
  private static final int MI_MATRIX = 14;
  private static final int MI_COMPRESSED = 15;
  private static final int MAX_ELEMENTS = 10_000_000;

  private MatlabLabels() {}

  /** The values of the first numeric matrix in {@code file}, in column-major order, as ints. */
  static int[] read(Path file) throws IOException {
    try {
      return parse(file);
    } catch (java.nio.BufferUnderflowException
        | IndexOutOfBoundsException
        | IllegalArgumentException e) {
      // A length field that points past its element (found by fuzzing: padding past the end).
      throw new IOException(
          file + ": malformed MATLAB element (a length runs past its data: " + e + ")", e);
    }
  }

  private static int[] parse(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (all.length < 128
        || !new String(all, 0, 10, java.nio.charset.StandardCharsets.US_ASCII)
            .startsWith("MATLAB 5.0")) {
      throw new IOException(
          file
              + ": not a MATLAB 5.0 .mat file (convert with scipy: labels = loadmat(f)['labels'][0], one per line to labels.txt)");
    }
    ByteOrder order =
        all[126] == 'I' && all[127] == 'M' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    ByteBuffer b = ByteBuffer.wrap(all, 128, all.length - 128).slice().order(order);
    while (b.remaining() >= 8) {
      int type = b.getInt();
      int size = b.getInt();
      if (size < 0 || size > b.remaining()) {
        throw new IOException(
            file
                + ": data element of "
                + size
                + " bytes at byte "
                + (128 + b.position() - 8)
                + " runs past the end");
      }
      byte[] body = new byte[size];
      b.get(body);
      if (type == MI_COMPRESSED) {
        body = inflate(file, body);
        ByteBuffer inner = ByteBuffer.wrap(body).order(order);
        type = inner.getInt();
        size = inner.getInt();
        byte[] rest = new byte[Math.min(size, inner.remaining())];
        inner.get(rest);
        body = rest;
      } else {
        b.position(Math.min(b.limit(), b.position() + ((8 - size % 8) % 8)));
      }
      if (type == MI_MATRIX) {
        int[] values = matrix(file, ByteBuffer.wrap(body).order(order));
        if (values != null) {
          return values;
        }
      }
    }
    throw new IOException(file + ": no numeric matrix found");
  }

  private static byte[] inflate(Path file, byte[] data) throws IOException {
    Inflater inf = new Inflater();
    inf.setInput(data);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(data.length * 4);
    byte[] buf = new byte[1 << 16];
    try {
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        out.write(buf, 0, n);
        if (out.size() > 8L * MAX_ELEMENTS + 4096) {
          throw new IOException(
              file + ": compressed element expands beyond " + MAX_ELEMENTS + " values");
        }
      }
    } catch (DataFormatException e) {
      throw new IOException(file + ": corrupt compressed element: " + e.getMessage(), e);
    } finally {
      inf.end();
    }
    return out.toByteArray();
  }

  /** Reads a miMATRIX body: flags, dimensions, name, real part. Null if it is not numeric. */
  private static int[] matrix(Path file, ByteBuffer m) throws IOException {
    Sub flags = sub(m);
    Sub dims = sub(m);
    sub(m); // name
    Sub real = sub(m);
    int mxClass = flags.data.getInt(0) & 0xff;
    if (mxClass < 6 || mxClass > 13) {
      return null;
    }
    long count = 1;
    for (int i = 0; i + 4 <= dims.data.limit(); i += 4) {
      count *= dims.data.getInt(i);
    }
    if (count < 0 || count > MAX_ELEMENTS) {
      throw new IOException(
          file + ": matrix of " + count + " elements is larger than " + MAX_ELEMENTS);
    }
    int n = (int) count;
    int[] out = new int[n];
    ByteBuffer d = real.data;
    for (int i = 0; i < n; i++) {
      out[i] =
          switch (real.type) {
            case MI_DOUBLE -> (int) Math.round(d.getDouble(8 * i));
            case MI_INT32, MI_UINT32 -> d.getInt(4 * i);
            case MI_INT16 -> d.getShort(2 * i);
            case MI_UINT16 -> d.getShort(2 * i) & 0xffff;
            case MI_INT8 -> d.get(i);
            case MI_UINT8 -> d.get(i) & 0xff;
            default -> throw new IOException(file + ": unsupported MATLAB data type " + real.type);
          };
    }
    return out;
  }

  private record Sub(int type, ByteBuffer data) {}

  /** One sub-element, in the small (4-byte) or normal (8-byte) tag format. */
  private static Sub sub(ByteBuffer m) {
    int tag = m.getInt();
    int type;
    int size;
    if ((tag >>> 16) != 0) {
      // Small data element: size in the upper half, data in the next 4 bytes.
      type = tag & 0xffff;
      size = tag >>> 16;
      ByteBuffer data = m.slice(m.position(), size).order(m.order());
      m.position(m.position() + 4);
      return new Sub(type, data);
    }
    type = tag;
    size = m.getInt();
    ByteBuffer data = m.slice(m.position(), size).order(m.order());
    m.position(m.position() + size + ((8 - size % 8) % 8));
    return new Sub(type, data);
  }
}
