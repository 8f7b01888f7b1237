package dev.t2i.training;

import dev.t2i.api.train.TrainingEvent;
import dev.t2i.api.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.tensorflow.Session;

/**
 * Writes the sample grid every {@code every} steps ({@code step-N.png}; 0: never) and at the end
 * ({@code final.png}).
 */
final class SampleWriter implements TrainingListener {
  private final Session session;
  private final TrainingGraph.SamplingPath path;
  private final SampleGrid grid;
  private final Path directory;
  private final int every;
  private final Consumer<TrainingEvent> emit;

  SampleWriter(
      Session session,
      TrainingGraph.SamplingPath path,
      SampleGrid grid,
      Path directory,
      int every,
      Consumer<TrainingEvent> emit) {
    this.session = session;
    this.path = path;
    this.grid = grid;
    this.directory = directory;
    this.every = every;
    this.emit = emit;
  }

  @Override
  public void on(TrainingEvent event) {
    if (event instanceof TrainingEvent.StepCompleted done
        && every > 0
        && done.step() % every == 0) {
      write(done.step(), String.format("step-%08d.png", done.step()));
    }
  }

  /** The grid after the last step. */
  void finish(long step) {
    write(step, "final.png");
  }

  private void write(long step, String name) {
    try {
      emit.accept(
          new TrainingEvent.SampleWritten(
              step, grid.write(session, path, directory.resolve(name))));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not write the sample grid " + directory.resolve(name) + ": " + e.getMessage(), e);
    }
  }
}
