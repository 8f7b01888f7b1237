package dev.t2i.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.t2i.api.Precision;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.checkpoint.CheckpointWeights;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bfloat16 products: chosen from the CPU's flags, close to float32, and training float32 weights.
 */
class PrecisionTest {
  final PluginRegistry registry = TinyRuns.registry();
  @TempDir Path dir;

  @Test
  void autoIsBfloat16ExactlyWhereTheProcessorHasIt() {
    assertThat(PrecisionChoice.AUTO.resolve(Set.of("avx2", "avx512f")))
        .isEqualTo(Precision.FLOAT32);
    assertThat(PrecisionChoice.AUTO.resolve(Set.of("avx512f", "avx512_bf16")))
        .isEqualTo(Precision.BFLOAT16);
    assertThat(PrecisionChoice.AUTO.resolve(Set.of("amx_bf16", "amx_tile")))
        .isEqualTo(Precision.BFLOAT16);
    assertThat(PrecisionChoice.FLOAT32.resolve(Set.of("amx_bf16"))).isEqualTo(Precision.FLOAT32);
    assertThat(PrecisionChoice.BFLOAT16.resolve(Set.of())).isEqualTo(Precision.BFLOAT16);
  }

  /**
   * The same seed trained 3 steps in float32 and in bfloat16: the variables stay float32 and move
   * in both; the two runs' weights differ (the products round) but by far less than the training
   * moved them.
   */
  @Test
  void bfloat16TrainsTheSameFloat32WeightsAlmostAlike() throws Exception {
    Map<String, float[]> initial = weights("initial", 0, "float32");
    Map<String, float[]> single = weights("single", 3, "float32");
    Map<String, float[]> half = weights("half", 3, "bfloat16");
    double moved = CheckpointWeights.meanDifference(initial, single);
    double apart = CheckpointWeights.meanDifference(single, half);
    assertThat(moved).isGreaterThan(1e-5);
    assertThat(apart).isPositive().isLessThan(moved);
  }

  private Map<String, float[]> weights(String name, int steps, String precision) throws Exception {
    Path run = dir.resolve(name);
    String yaml =
        TinyRuns.gan(run, Math.max(steps, 1), 1)
            .replace("  threads: 1\n", "  threads: 1\n  precision: " + precision + "\n");
    Experiment e = Experiment.assemble(TinyRuns.read(yaml, registry), registry);
    if (steps == 0) {
      try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
        TrainingGraph tg = TrainingGraph.of(g, e);
        try (org.tensorflow.Session s = new org.tensorflow.Session(g)) {
          s.initialize();
          var all = new java.util.ArrayList<>(tg.generatorParameters().trainableVariables());
          all.addAll(tg.discriminatorParameters().trainableVariables());
          return CheckpointWeights.fetch(s, all, "");
        }
      }
    }
    new Trainer(e).train(new Trainer.Options(false, List.of()));
    Map<String, float[]> all = CheckpointWeights.read(run, registry);
    all.keySet().removeIf(k -> k.endsWith("_mean") || k.endsWith("_variance"));
    return all;
  }
}
