package dev.t2i.api.train;

import java.nio.file.Path;
import java.util.Map;

/** Something that happened during a training run. The set is closed. */
public sealed interface TrainingEvent {

  /** The step the event refers to: the number of completed generator updates. */
  long step();

  /**
   * The run started or resumed.
   *
   * @param step first step to run (0, or the resumed checkpoint's step)
   * @param totalSteps step at which the run ends
   * @param runDirectory where the run writes
   */
  record Started(long step, long totalSteps, Path runDirectory) implements TrainingEvent {}

  /**
   * A step completed.
   *
   * @param losses the named losses of this step
   * @param secondsPerStep smoothed wall time per step
   */
  record StepCompleted(long step, long totalSteps, Map<String, Float> losses, double secondsPerStep)
      implements TrainingEvent {
    public StepCompleted {
      losses = dev.t2i.api.Maps.ordered(losses);
    }
  }

  /** A sample grid was written. */
  record SampleWritten(long step, Path image) implements TrainingEvent {}

  /** A checkpoint was committed. */
  record CheckpointSaved(long step, Path directory) implements TrainingEvent {}

  /**
   * The run ended.
   *
   * @param outcome how
   * @param detail a sentence for the user: why it failed, or where it stopped
   */
  record Finished(long step, RunOutcome outcome, String detail) implements TrainingEvent {}
}
