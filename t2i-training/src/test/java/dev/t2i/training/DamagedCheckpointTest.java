package dev.t2i.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.generate.ModelCriteria;
import dev.t2i.training.generate.TextToImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A damaged checkpoint makes loading fail at once with an error that names it; nothing hangs. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DamagedCheckpointTest {
  final PluginRegistry registry = TinyRuns.registry();
  @TempDir Path dir;
  Path run;
  Path checkpoint;

  @BeforeEach
  void train() throws Exception {
    run = dir.resolve("run");
    new Trainer(Experiment.assemble(TinyRuns.read(TinyRuns.gan(run, 2, 2), registry), registry))
        .train(new Trainer.Options(false, List.of()));
    checkpoint = run.resolve("checkpoints/ckpt-00000002");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void truncatedVariablesFailFastNamingTheCheckpoint() throws Exception {
    Path data = checkpoint.resolve("variables.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    Files.write(data, java.util.Arrays.copyOf(bytes, 16));
    assertThatThrownBy(() -> ModelCriteria.run(run).plugins(registry).load())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("could not restore the checkpoint " + checkpoint)
        .hasMessageContaining("delete it to use an older one");
  }

  @Test
  void truncatedStateNamesTheFile() throws Exception {
    Path state = checkpoint.resolve("state.json");
    String text = Files.readString(state);
    Files.writeString(state, text.substring(0, text.length() / 2));
    assertThatThrownBy(() -> ModelCriteria.run(run).plugins(registry).load())
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(state + ": not the JSON object of a checkpoint's state")
        .hasMessageContaining("delete " + checkpoint);
    Files.writeString(state, "{\"step\": \"two\"}");
    assertThatThrownBy(() -> ModelCriteria.run(run).plugins(registry).load())
        .hasMessageContaining(state + ": expected a whole-number \"step\", found 'two'");
  }

  @Test
  void anIntactCheckpointStillLoads() throws Exception {
    try (TextToImage t = ModelCriteria.run(run).plugins(registry).load()) {
      assertThat(t.step()).isEqualTo(2);
      assertThat(t.generate("red petals").getWidth()).isEqualTo(32);
    }
  }
}
