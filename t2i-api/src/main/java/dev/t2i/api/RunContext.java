package dev.t2i.api;

import java.nio.file.Path;

/**
 * Facts about the run that components may inject.
 *
 * @param seed the experiment's seed; every random choice derives from it
 * @param runDirectory where the run writes its outputs, checkpoints and caches
 * @param frozen true when a trained run is being used (generation, evaluation): components then
 *     load what the run saved in its directory, and never read the data set or train anything
 */
public record RunContext(long seed, Path runDirectory, boolean frozen) {
  public RunContext {
    Checks.required("runDirectory", runDirectory);
  }

  /** The context of a run being trained. */
  public RunContext(long seed, Path runDirectory) {
    this(seed, runDirectory, false);
  }
}
