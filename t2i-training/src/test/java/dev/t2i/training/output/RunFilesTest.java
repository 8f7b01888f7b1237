package dev.t2i.training.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.train.TrainingEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run directory's lock and its metrics file across a kill and a resume. */
class RunFilesTest {
  @TempDir Path dir;

  @Test
  void aRunDirectoryHasOneTrainerAtATime() throws Exception {
    try (RunLock first = RunLock.acquire(dir)) {
      assertThat(Files.readString(dir.resolve(RunLock.FILE)))
          .startsWith("pid " + ProcessHandle.current().pid() + " on ");
      assertThatThrownBy(() -> RunLock.acquire(dir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(
              dir + " is being trained by another process (pid " + ProcessHandle.current().pid())
          .hasMessageContaining("train into another --output");
    }
    // Released: the next run takes it.
    RunLock.acquire(dir).close();
  }

  @Test
  void aResumeKeepsTheRowsUpToItsStepAndDropsTheRestAndACutLine() throws Exception {
    Path csv = dir.resolve("metrics.csv");
    // As a run killed at step 5, mid-row, after its checkpoint of step 3.
    Files.writeString(
        csv,
        "step,seconds_per_step,d,g\n1,0.5,1.0,2.0\n2,0.5,1.1,2.1\n3,0.5,1.2,2.2\n4,0.5,1.3,2.3\n5,0.5,1.");
    try (MetricsLog log = new MetricsLog(csv, 1)) {
      log.on(new TrainingEvent.Started(3, 10, dir));
      assertThat(Files.readString(csv))
          .isEqualTo("step,seconds_per_step,d,g\n1,0.5,1.0,2.0\n2,0.5,1.1,2.1\n3,0.5,1.2,2.2\n");
      Map<String, Float> losses = new LinkedHashMap<>();
      losses.put("d", 1.5f);
      losses.put("g", 2.5f);
      log.on(new TrainingEvent.StepCompleted(4, 10, losses, 0.25));
      // Each row is on disk at once, before the step's checkpoint is saved: a kill loses none.
      assertThat(Files.readString(csv)).endsWith("3,0.5,1.2,2.2\n4,0.2500,1.5,2.5\n");
    }
    assertThat(MetricsLog.read(csv).get("step")).containsExactly(1.0, 2.0, 3.0, 4.0);
  }
}
