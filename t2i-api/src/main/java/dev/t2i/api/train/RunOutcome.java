package dev.t2i.api.train;

/** How a training run, or one segment of it, ended. */
public enum RunOutcome {
  /** It reached its configured number of steps, or the time it was given. */
  COMPLETED,
  /** A stop was asked for (a signal, or {@code requestStop}); a checkpoint was saved first. */
  INTERRUPTED,
  /** It stopped on a failure, such as a loss that is not finite. */
  FAILED
}
