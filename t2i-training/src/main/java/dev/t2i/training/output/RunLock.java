package dev.t2i.training.output;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive lock on a run directory while it trains: {@code run.lock} holds the owner's PID,
 * host and start time, and an operating-system lock on it that ends with the process, so a killed
 * run leaves no stale lock. A second training of the same directory is refused with the owner's PID
 * and host.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name in a run directory. */
  public static final String FILE = "run.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code root} for this process.
   *
   * @throws IllegalStateException if another process (or another run in this one) holds it; the
   *     message names its PID, host and start
   * @throws IOException if the lock file cannot be written
   */
  public static RunLock acquire(Path root) throws IOException {
    Path file = root.resolve(FILE);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ByteBuffer text = ByteBuffer.allocate(512);
        channel.read(text, 0);
        String owner = new String(text.array(), 0, text.position(), StandardCharsets.UTF_8).strip();
        throw new IllegalStateException(
            root
                + " is being trained by another process ("
                + (owner.isEmpty() ? "owner unknown" : owner)
                + "): wait for it to end, or train into another --output");
      }
      String me =
          "pid " + ProcessHandle.current().pid() + " on " + host() + ", since " + Instant.now();
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new RunLock(channel, lock);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "an unknown host";
    }
  }

  /** Releases the lock; the file stays, empty of meaning without the lock. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
