package dev.t2i.api.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a run keeps its checkpoints.
 *
 * <p>A save writes into a staging directory and commits with an atomic rename, so that a reader
 * never sees a half-written checkpoint, whatever moment the process dies at. Only the newest {@code
 * keep} checkpoints are kept, and a failed save leaves the previous ones untouched.
 */
public interface CheckpointStore {

  /** Writes the files of one checkpoint into the given (empty) staging directory. */
  @FunctionalInterface
  interface Writer {
    void write(Path staging) throws IOException;
  }

  /** Saves and commits a checkpoint for {@code step}. */
  Checkpoint save(long step, Map<String, String> state, Writer writer) throws IOException;

  /** The newest committed checkpoint, if any. */
  Optional<Checkpoint> latest() throws IOException;

  /** Every committed checkpoint, oldest first. */
  List<Checkpoint> list() throws IOException;
}
