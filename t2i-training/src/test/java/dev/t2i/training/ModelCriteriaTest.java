package dev.t2i.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.generate.ModelCriteria;
import dev.t2i.training.generate.TextToImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One way to say what to load: a run's step, trained or initial weights, or a shipped model. */
class ModelCriteriaTest {
  final PluginRegistry registry = TinyRuns.registry();
  @TempDir Path dir;

  @Test
  void aRunLoadsByStepAndWithItsInitialWeights() throws Exception {
    Path run = dir.resolve("run");
    new Trainer(Experiment.assemble(TinyRuns.read(TinyRuns.gan(run, 4, 2), registry), registry))
        .train(new Trainer.Options(false, List.of()));
    ModelCriteria criteria = ModelCriteria.run(run).plugins(registry);
    List<String> captions = List.of("red petals", "blue petals");
    float[] newest;
    float[] second;
    float[] initial;
    try (TextToImage m = criteria.load()) {
      assertThat(m.step()).isEqualTo(4);
      newest = m.generateBatch(captions, 1);
    }
    try (TextToImage m = criteria.step(2).load()) {
      assertThat(m.step()).isEqualTo(2);
      second = m.generateBatch(captions, 1);
    }
    try (TextToImage m = criteria.initialWeights().load()) {
      initial = m.generateBatch(captions, 1);
    }
    assertThat(second).isNotEqualTo(newest);
    assertThat(initial).isNotEqualTo(second).isNotEqualTo(newest);
    assertThatThrownBy(() -> criteria.step(3).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kept no checkpoint of step 3; it has steps 2, 4");
  }

  @Test
  void aShippedModelHasNoStepToChoose() {
    assertThatThrownBy(() -> ModelCriteria.pretrained("synthetic-flowers").step(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a shipped model has one checkpoint");
    assertThatThrownBy(() -> ModelCriteria.run(dir).step(-1))
        .hasMessageContaining("step must be >= 0");
  }
}
