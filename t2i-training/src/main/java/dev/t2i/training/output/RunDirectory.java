package dev.t2i.training.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A run's directory. It is checked before any work starts: it must be writable and have room for a
 * few checkpoints, so that a full or read-only disk fails at once, not hours later.
 *
 * <p>Layout: {@code config.yaml} (the resolved configuration, every default filled in), {@code
 * provenance.json}, {@code checkpoints/}, {@code samples/}, {@code events/} (TensorBoard), {@code
 * word2vec/} (vectors the run trained or read).
 */
public final class RunDirectory {
  /** The least free space a run starts with. */
  public static final long MIN_FREE_BYTES = 256L << 20;

  private final Path root;

  private RunDirectory(Path root) {
    this.root = root;
  }

  /**
   * Creates (or opens) {@code root} and checks that it is writable with {@code neededBytes} free.
   *
   * @throws IOException with a message naming the directory and the problem
   */
  public static RunDirectory prepare(Path root, long neededBytes) throws IOException {
    try {
      Files.createDirectories(root);
    } catch (AccessDeniedException e) {
      throw new IOException(
          "cannot create the run directory " + root + ": permission denied (output)", e);
    } catch (IOException e) {
      throw new IOException("cannot create the run directory " + root + ": " + e.getMessage(), e);
    }
    Path probe = root.resolve(".write-test");
    try {
      Files.writeString(probe, "t2i");
      Files.delete(probe);
    } catch (IOException e) {
      throw new IOException("the run directory " + root + " is not writable: " + e.getMessage(), e);
    }
    FileStore store = Files.getFileStore(root);
    long free = store.getUsableSpace();
    long needed = Math.max(MIN_FREE_BYTES, neededBytes);
    if (free < needed) {
      throw new IOException(
          String.format(
              "the disk of %s has %d MB free; this run needs at least %d MB (checkpoints)",
              root, free >> 20, needed >> 20));
    }
    return new RunDirectory(root);
  }

  /** Opens an existing run directory for reading. */
  public static RunDirectory existing(Path root) throws IOException {
    if (!Files.isRegularFile(root.resolve("config.yaml"))) {
      // Bad usage, not a failure: the folder given is not one that t2i train wrote.
      throw new IllegalArgumentException(
          root
              + " is not a t2i run directory (no config.yaml); give a folder that t2i train wrote");
    }
    return new RunDirectory(root);
  }

  public Path root() {
    return root;
  }

  public Path config() {
    return root.resolve("config.yaml");
  }

  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  public Path samples() {
    return root.resolve("samples");
  }

  public Path events() {
    return root.resolve("events");
  }

  /** Writes a text file atomically (a temporary file renamed over the target). */
  public static void writeAtomically(Path file, String content) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp =
        Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Records where and how the run was made: versions, machine, and {@code facts} (seed, data,
   * command).
   */
  public void writeProvenance(Map<String, Object> facts) throws IOException {
    provenance().write(facts);
  }

  /** The run's {@code provenance.json}. */
  public ProvenanceFile provenance() {
    return new ProvenanceFile(root.resolve("provenance.json"));
  }

  /** Deletes {@code root} and everything below it; nothing if it does not exist. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The version of t2i, from its jar's manifest, or "development". */
  public static String version() {
    String v = RunDirectory.class.getPackage().getImplementationVersion();
    return v != null ? v : "development";
  }
}
