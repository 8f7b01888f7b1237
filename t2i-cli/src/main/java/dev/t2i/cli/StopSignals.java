package dev.t2i.cli;

import dev.t2i.training.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM ask the trainer to stop after its current step, save a checkpoint and exit
 * cleanly; a second signal stops at once (checkpoints are atomic, so nothing is lost but the steps
 * since the last one).
 */
final class StopSignals implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("t2i");
  private final SignalHandler previousInt;
  private final SignalHandler previousTerm;

  private StopSignals(SignalHandler previousInt, SignalHandler previousTerm) {
    this.previousInt = previousInt;
    this.previousTerm = previousTerm;
  }

  static StopSignals install(Trainer trainer) {
    boolean[] asked = {false};
    SignalHandler h =
        signal -> {
          if (asked[0]) {
            LOG.warn("second {}: stopping now; the newest checkpoint is intact", signal.getName());
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
          }
          asked[0] = true;
          LOG.info(
              "{}: saving a checkpoint after this step, then stopping (again to stop at once)",
              signal.getName());
          trainer.requestStop();
        };
    SignalHandler previousInt = Signal.handle(new Signal("INT"), h);
    SignalHandler previousTerm = Signal.handle(new Signal("TERM"), h);
    return new StopSignals(previousInt, previousTerm);
  }

  @Override
  public void close() {
    Signal.handle(new Signal("INT"), previousInt);
    Signal.handle(new Signal("TERM"), previousTerm);
  }
}
