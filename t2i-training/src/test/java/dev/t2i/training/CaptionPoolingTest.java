package dev.t2i.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.runtime.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipeline.captionPooling: image-mean}, the report's CUB-200 input, end to end. */
class CaptionPoolingTest {
  @TempDir Path dir;
  private final PluginRegistry registry = TinyRuns.registry();

  @Test
  void imageMeanTrainsAPooledEncoderAndIsRecordedInTheRun() throws Exception {
    Path run = dir.resolve("mean");
    String yaml =
        TinyRuns.gan(run, 2, 2)
            .replace(
                "pipeline: {workers: 1, prefetch: 2}",
                "pipeline: {workers: 1, prefetch: 2, captionPooling: image-mean}");
    Trainer.Outcome outcome =
        new Trainer(Experiment.assemble(TinyRuns.read(yaml, registry), registry))
            .train(new Trainer.Options(false, List.of()));
    assertThat(outcome.outcome()).isEqualTo(dev.t2i.api.train.RunOutcome.COMPLETED);
    assertThat(outcome.step()).isEqualTo(2);
    assertThat(Files.readString(run.resolve("config.yaml"))).contains("captionPooling: image-mean");
    assertThat(outcome.checkpoint()).isPresent();
  }

  @Test
  void imageMeanIsRefusedForWordSequences() {
    String yaml =
        TinyRuns.gan(dir.resolve("seq"), 2, 2)
            .replace("type: word2vec-sum", "type: word2vec-sequence")
            .replace(
                "pipeline: {workers: 1, prefetch: 2}",
                "pipeline: {workers: 1, prefetch: 2, captionPooling: image-mean}");
    assertThatThrownBy(() -> Experiment.assemble(TinyRuns.read(yaml, registry), registry))
        .hasMessageContaining("pipeline.captionPooling: image-mean")
        .hasMessageContaining("this one gives word sequences");
  }
}
