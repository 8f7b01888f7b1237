package dev.t2i.training;

import dev.t2i.api.train.TrainingEvent;
import dev.t2i.api.train.TrainingListener;
import java.nio.file.Path;
import java.util.Map;

/**
 * Stops a run at the first step whose loss is not finite, with a message that names the loss and
 * the last checkpoint worth resuming from. Register it before the listeners that record steps.
 */
final class DivergenceGuard implements TrainingListener {
  private Path lastCheckpoint;

  /**
   * @param lastCheckpoint the checkpoint the run resumed from, or null
   */
  DivergenceGuard(Path lastCheckpoint) {
    this.lastCheckpoint = lastCheckpoint;
  }

  @Override
  public void on(TrainingEvent event) {
    if (event instanceof TrainingEvent.CheckpointSaved saved) {
      lastCheckpoint = saved.directory();
    } else if (event instanceof TrainingEvent.StepCompleted done) {
      for (Map.Entry<String, Float> e : done.losses().entrySet()) {
        if (!Float.isFinite(e.getValue())) {
          throw new TrainingFailure(
              String.format(
                  "step %d: %s is %s; stopping. The last good checkpoint is %s. "
                      + "Lower the learning rates, or check the data.",
                  done.step(),
                  e.getKey(),
                  e.getValue(),
                  lastCheckpoint == null
                      ? "none (no checkpoint was written yet)"
                      : lastCheckpoint));
        }
      }
    }
  }
}
