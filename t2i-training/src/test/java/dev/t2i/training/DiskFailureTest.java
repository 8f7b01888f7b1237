package dev.t2i.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.train.Checkpoint;
import dev.t2i.training.checkpoint.DirectoryCheckpointStore;
import dev.t2i.training.output.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskFailureTest {
  @TempDir Path dir;

  @Test
  void anOutputThatCannotBeADirectoryFailsBeforeTraining() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThatThrownBy(() -> RunDirectory.prepare(file.resolve("run"), 0))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot create the run directory " + file.resolve("run"));
    var registry = TinyRuns.registry();
    var experiment =
        Experiment.assemble(
            TinyRuns.read(TinyRuns.gan(file.resolve("run"), 2, 2), registry), registry);
    assertThatThrownBy(
            () -> new Trainer(experiment).train(new Trainer.Options(false, java.util.List.of())))
        .hasMessageContaining("cannot create the run directory");
  }

  @Test
  void aDiskWithoutRoomFailsBeforeTraining() throws Exception {
    assertThatThrownBy(() -> RunDirectory.prepare(dir.resolve("run"), Long.MAX_VALUE / 4))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("MB free; this run needs at least");
  }

  @Test
  void aFailedCheckpointWriteKeepsThePreviousOne() throws Exception {
    DirectoryCheckpointStore store = new DirectoryCheckpointStore(dir.resolve("checkpoints"), 3);
    Checkpoint good =
        store.save(
            10,
            Map.of("batches", "10"),
            staging -> Files.writeString(staging.resolve("variables.index"), "ok"));
    assertThatThrownBy(
            () ->
                store.save(
                    20,
                    Map.of("batches", "20"),
                    staging -> {
                      Files.writeString(staging.resolve("variables.index"), "half");
                      throw new IOException("No space left on device");
                    }))
        .hasMessageContaining("No space left on device");
    assertThat(store.latest()).contains(good);
    assertThat(Files.readString(good.directory().resolve("variables.index"))).isEqualTo("ok");
    try (Stream<Path> s = Files.list(dir.resolve("checkpoints"))) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("ckpt-00000010");
    }
  }

  @Test
  void aCrashInsideAWriteLeavesOnlyStagingWhichTheNextSaveRemoves() throws Exception {
    DirectoryCheckpointStore store = new DirectoryCheckpointStore(dir.resolve("checkpoints"), 3);
    store.save(1, Map.of(), staging -> Files.writeString(staging.resolve("variables.index"), "1"));
    // What a SIGKILL in the middle of a save leaves behind.
    Path orphan = Files.createDirectories(dir.resolve("checkpoints/.staging-2-123"));
    Files.writeString(orphan.resolve("variables.index"), "partial");
    assertThat(store.latest().orElseThrow().step()).isEqualTo(1);
    store.save(2, Map.of(), staging -> Files.writeString(staging.resolve("variables.index"), "2"));
    assertThat(orphan).doesNotExist();
    assertThat(store.list()).extracting(Checkpoint::step).containsExactly(1L, 2L);
  }

  @Test
  void onlyTheNewestCheckpointsAreKept() throws Exception {
    DirectoryCheckpointStore store = new DirectoryCheckpointStore(dir.resolve("checkpoints"), 2);
    for (long s = 1; s <= 4; s++) {
      long step = s;
      store.save(
          step,
          Map.of("k", "v" + step),
          staging -> Files.writeString(staging.resolve("variables.index"), "" + step));
    }
    assertThat(store.list()).extracting(Checkpoint::step).containsExactly(3L, 4L);
    assertThat(store.latest().orElseThrow().state())
        .containsEntry("k", "v4")
        .containsEntry("step", "4");
  }
}
