package dev.t2i.api.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * A committed checkpoint.
 *
 * @param step the training step it was taken after
 * @param directory its directory; TensorFlow's variable files use the prefix {@link #variables()}
 * @param state the trainer's own state besides the weights: seed, epoch, position
 */
public record Checkpoint(long step, Path directory, Map<String, String> state) {
  public Checkpoint {
    state = dev.t2i.api.Maps.ordered(new java.util.TreeMap<>(state));
  }

  /** The prefix of TensorFlow's variable files ({@code .index}, {@code .data-*}). */
  public Path variables() {
    return directory.resolve("variables");
  }
}
