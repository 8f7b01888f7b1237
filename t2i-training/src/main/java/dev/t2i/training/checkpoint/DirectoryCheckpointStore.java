package dev.t2i.training.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.t2i.api.train.Checkpoint;
import dev.t2i.api.train.CheckpointStore;
import dev.t2i.training.output.RunDirectory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints as directories {@code ckpt-00001200/} holding TensorFlow's variable files and a
 * {@code state.json}.
 *
 * <p>A save writes everything into {@code .staging-*}, flushes it to disk, and renames it to its
 * final name in one atomic step; a directory of the final name is therefore always complete, and a
 * crash leaves at most a staging directory, which the next save removes. Only after the commit are
 * the oldest checkpoints beyond {@code keep} deleted, so a failed save never costs the previous
 * checkpoint.
 */
public final class DirectoryCheckpointStore implements CheckpointStore {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryCheckpointStore.class);
  private static final Pattern NAME = Pattern.compile("ckpt-(\\d{8,})");
  private static final String STATE = "state.json";

  private final Path directory;
  private final int keep;
  private final ObjectMapper json = new ObjectMapper();

  public DirectoryCheckpointStore(Path directory, int keep) {
    this.directory = directory;
    this.keep = keep;
  }

  public Path directory() {
    return directory;
  }

  @Override
  public Checkpoint save(long step, Map<String, String> state, Writer writer) throws IOException {
    Files.createDirectories(directory);
    removeStaging();
    Path staging = Files.createTempDirectory(directory, ".staging-" + step + "-");
    Path target = directory.resolve(String.format("ckpt-%08d", step));
    try {
      writer.write(staging);
      Map<String, String> all = new TreeMap<>(state);
      all.put("step", Long.toString(step));
      Files.write(
          staging.resolve(STATE), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
      syncTree(staging);
      if (Files.exists(target)) {
        // A checkpoint of this step exists (a resumed run re-saving): replace it only after this
        // one is complete.
        Path old = Files.createTempDirectory(directory, ".replaced-" + step + "-");
        Files.delete(old);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        moveAtomically(staging, target);
        RunDirectory.deleteTree(old);
      } else {
        moveAtomically(staging, target);
      }
      syncDirectory(directory);
    } catch (IOException | RuntimeException e) {
      RunDirectory.deleteTree(staging);
      throw e;
    }
    prune();
    return new Checkpoint(step, target, read(target).state());
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "the file system of " + to.getParent() + " cannot rename atomically; checkpoints need it",
          e);
    }
  }

  @Override
  public Optional<Checkpoint> latest() throws IOException {
    List<Checkpoint> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  @Override
  public List<Checkpoint> list() throws IOException {
    List<Checkpoint> out = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
      for (Path p : ds) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches() && Files.isRegularFile(p.resolve(STATE))) {
          try {
            out.add(read(p));
          } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
            // Deleted since it was listed: a training process rotated it out while this one reads
            // (a CLI command or a test polling a live run). The newest checkpoint is never rotated.
            LOG.debug("checkpoint {} vanished while listing", p);
          }
        }
      }
    }
    out.sort(Comparator.comparingLong(Checkpoint::step));
    return out;
  }

  private Checkpoint read(Path dir) throws IOException {
    Path file = dir.resolve(STATE);
    Map<?, ?> raw;
    try {
      raw = json.readValue(file.toFile(), Map.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(
          file
              + ": not the JSON object of a checkpoint's state ("
              + e.getOriginalMessage()
              + "); the checkpoint is damaged: delete "
              + dir
              + " to use an older one",
          e);
    }
    Map<String, String> state = new TreeMap<>();
    if (raw != null) {
      raw.forEach((k, v) -> state.put(k.toString(), String.valueOf(v)));
    }
    String step = state.get("step");
    if (step == null || !step.matches("\\d{1,18}")) {
      throw new IOException(
          file
              + ": expected a whole-number \"step\", found "
              + (step == null ? "none" : "'" + step + "'")
              + "; the checkpoint is damaged: delete "
              + dir
              + " to use an older one");
    }
    return new Checkpoint(Long.parseLong(step), dir, state);
  }

  private void prune() throws IOException {
    List<Checkpoint> all = list();
    for (int i = 0; i < all.size() - keep; i++) {
      RunDirectory.deleteTree(all.get(i).directory());
      LOG.debug("deleted old checkpoint {}", all.get(i).directory());
    }
  }

  private void removeStaging() throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, ".{staging,replaced}-*")) {
      for (Path p : ds) {
        RunDirectory.deleteTree(p);
      }
    }
  }

  private static void syncTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        if (Files.isRegularFile(p)) {
          try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
            c.force(true);
          }
        }
      }
    }
    syncDirectory(dir);
  }

  /** Flushes a directory's entries (a rename is durable only then); a no-op where unsupported. */
  private static void syncDirectory(Path dir) {
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException e) {
      // Some file systems cannot open directories; the rename is still atomic.
    }
  }
}
