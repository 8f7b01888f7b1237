package dev.t2i.training;

import dev.t2i.api.train.Checkpoint;
import dev.t2i.api.train.TrainingEvent;
import dev.t2i.api.train.TrainingListener;
import dev.t2i.training.checkpoint.DirectoryCheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.tensorflow.Session;

/**
 * Saves a checkpoint every {@code every} steps (0: only at the end) and after the last step: the
 * weights, the optimizer's slots, and the counters that make a resumed run exact (batches read,
 * seed), with the step's losses for the record.
 */
final class Checkpointer implements TrainingListener {
  private final DirectoryCheckpointStore store;
  private final Session session;
  private final long seed;
  private final int every;
  private final LongSupplier batchesRead;
  private final Consumer<TrainingEvent> emit;
  private Checkpoint latest;

  /**
   * @param resumed the checkpoint the run resumed from, if any
   */
  Checkpointer(
      DirectoryCheckpointStore store,
      Session session,
      long seed,
      int every,
      LongSupplier batchesRead,
      Optional<Checkpoint> resumed,
      Consumer<TrainingEvent> emit) {
    this.store = store;
    this.session = session;
    this.seed = seed;
    this.every = every;
    this.batchesRead = batchesRead;
    this.emit = emit;
    this.latest = resumed.orElse(null);
  }

  @Override
  public void on(TrainingEvent event) {
    if (event instanceof TrainingEvent.StepCompleted done
        && every > 0
        && done.step() % every == 0) {
      save(done.step(), done.losses());
    }
  }

  /** Saves the last step unless it was just saved. */
  void finish(long step) {
    if (latest == null || latest.step() != step) {
      save(step, Map.of());
    }
  }

  /** The newest checkpoint of the run, if any. */
  Optional<Checkpoint> latest() {
    return Optional.ofNullable(latest);
  }

  private void save(long step, Map<String, Float> losses) {
    Map<String, String> state = new LinkedHashMap<>();
    state.put("batches", Long.toString(batchesRead.getAsLong()));
    state.put("seed", Long.toString(seed));
    state.put("time", Instant.now().toString());
    losses.forEach((k, v) -> state.put("loss_" + k, Float.toString(v)));
    try {
      latest =
          store.save(step, state, staging -> session.save(staging.resolve("variables").toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not save the checkpoint of step "
              + step
              + " in "
              + store.directory()
              + ": "
              + e.getMessage(),
          e);
    }
    emit.accept(new TrainingEvent.CheckpointSaved(step, latest.directory()));
  }
}
