package dev.t2i.curation.matrix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A feature matrix on disk: the magic {@code T2IFEAT1}, the row count (int64) and the dimension
 * (int32, then 4 reserved bytes), then the rows as little-endian float32. Written to a temporary
 * file and renamed when complete, so a file under its final name is never half-written.
 */
public final class FeatureFile implements FeatureRows {
  private static final byte[] MAGIC =
      "T2IFEAT1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int HEADER = 24;

  private final Path file;
  private final long rows;
  private final int dimension;

  private FeatureFile(Path file, long rows, int dimension) {
    this.file = file;
    this.rows = rows;
    this.dimension = dimension;
  }

  /** Opens a file written by {@link Writer}, checking its header against its size. */
  public static FeatureFile open(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
      while (h.hasRemaining() && ch.read(h) >= 0) {
        // read the whole header
      }
      h.flip();
      byte[] magic = new byte[MAGIC.length];
      if (h.remaining() < HEADER) {
        throw new IOException(
            file
                + ": "
                + h.remaining()
                + " bytes; a feature file has a "
                + HEADER
                + "-byte header");
      }
      h.get(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new IOException(file + ": not a t2i feature file (expected the magic T2IFEAT1)");
      }
      long rows = h.getLong();
      int dimension = h.getInt();
      long expected = HEADER + rows * dimension * 4L;
      if (rows < 0 || dimension <= 0 || ch.size() != expected) {
        throw new IOException(
            file
                + ": header says "
                + rows
                + " rows of "
                + dimension
                + " floats ("
                + expected
                + " bytes), but the file has "
                + ch.size()
                + " bytes");
      }
      return new FeatureFile(file, rows, dimension);
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** Where it is. */
  public Path path() {
    return file;
  }

  @Override
  public void forEachChunk(int maxRows, Chunk consumer) throws IOException {
    int chunk = (int) Math.max(1, Math.min(maxRows, rows));
    float[] values = new float[chunk * dimension];
    ByteBuffer bytes =
        ByteBuffer.allocateDirect(chunk * dimension * 4).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long position = HEADER;
      for (long first = 0; first < rows; first += chunk) {
        int m = (int) Math.min(chunk, rows - first);
        bytes.clear().limit(m * dimension * 4);
        while (bytes.hasRemaining()) {
          if (ch.read(bytes, position + bytes.position()) < 0) {
            throw new IOException(file + ": ends early, at row " + first);
          }
        }
        bytes.flip();
        bytes.asFloatBuffer().get(values, 0, m * dimension);
        consumer.accept(first, values, m);
        position += (long) m * dimension * 4;
      }
    }
  }

  /** Writes rows in order; {@link #finish} publishes the file under its name. */
  public static final class Writer implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final FileChannel ch;
    private final int dimension;
    private final ByteBuffer row;
    private long rows;
    private boolean finished;

    public Writer(Path target, int dimension) throws IOException {
      if (dimension <= 0) {
        throw new IllegalArgumentException("dimension must be positive, got " + dimension);
      }
      this.target = target;
      this.dimension = dimension;
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      this.tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      this.ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      this.row = ByteBuffer.allocateDirect(dimension * 4).order(ByteOrder.LITTLE_ENDIAN);
      ch.position(HEADER);
    }

    /** Appends one row. */
    public void add(float[] values) throws IOException {
      if (values.length != dimension) {
        throw new IllegalArgumentException(
            "row " + rows + " has " + values.length + " values; expected " + dimension);
      }
      row.clear();
      row.asFloatBuffer().put(values);
      row.limit(dimension * 4);
      while (row.hasRemaining()) {
        ch.write(row);
      }
      rows++;
    }

    /** Writes the header, syncs, and renames the file to its name. */
    public FeatureFile finish() throws IOException {
      ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
      h.put(MAGIC).putLong(rows).putInt(dimension).putInt(0).flip();
      while (h.hasRemaining()) {
        ch.write(h, h.position());
      }
      ch.force(true);
      ch.close();
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      finished = true;
      return new FeatureFile(target, rows, dimension);
    }

    /** Discards the file unless {@link #finish} was called. */
    @Override
    public void close() throws IOException {
      if (!finished) {
        ch.close();
        Files.deleteIfExists(tmp);
      }
    }
  }
}
