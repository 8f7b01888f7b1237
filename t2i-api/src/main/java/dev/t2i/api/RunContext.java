package dev.t2i.api;

import java.nio.file.Path;

/**
 * Facts about the run that components may inject: its seed and where it writes.
 *
 * @param seed the experiment's seed; every random choice derives from it
 * @param runDirectory where the run writes its outputs, checkpoints and caches
 */
public record RunContext(long seed, Path runDirectory) {
  public RunContext {
    Checks.required("runDirectory", runDirectory);
  }
}
