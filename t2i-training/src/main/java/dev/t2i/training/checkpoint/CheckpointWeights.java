package dev.t2i.training.checkpoint;

import dev.t2i.api.train.Checkpoint;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.Experiment;
import dev.t2i.training.ExperimentConfig;
import dev.t2i.training.TrainingGraph;
import dev.t2i.training.output.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Reads the network weights of a run's newest checkpoint, by variable name: the generator's and the
 * discriminator's trainable variables and their moving averages, and the generator average's
 * shadows and counter when the run keeps one. For comparing runs.
 */
public final class CheckpointWeights {
  private CheckpointWeights() {}

  public static Map<String, float[]> read(Path run, PluginRegistry registry) throws Exception {
    ExperimentConfig config =
        new ConfigLoader(registry)
            .read(RunDirectory.existing(run).config(), ExperimentConfig.class)
            .withOutput(run);
    Experiment e = Experiment.assemble(config, registry, true);
    Checkpoint latest =
        new DirectoryCheckpointStore(run.resolve("checkpoints"), Integer.MAX_VALUE)
            .latest()
            .orElseThrow(() -> new IOException(run + " has no checkpoint"));
    try (Graph g = new Graph()) {
      TrainingGraph tg = TrainingGraph.of(g, e);
      try (Session s = new Session(g)) {
        s.restore(latest.variables().toString());
        List<Variable<TFloat32>> all =
            new ArrayList<>(tg.generatorParameters().trainableVariables());
        all.addAll(tg.generatorParameters().stateVariables());
        all.addAll(tg.discriminatorParameters().trainableVariables());
        all.addAll(tg.discriminatorParameters().stateVariables());
        tg.averageParameters()
            .ifPresent(
                p -> {
                  all.addAll(p.trainableVariables());
                  all.addAll(p.stateVariables());
                });
        return fetch(s, all, "");
      }
    }
  }

  /** The values of {@code vars} in {@code session}, by variable name less {@code prefix}. */
  public static Map<String, float[]> fetch(
      Session session, List<Variable<TFloat32>> vars, String prefix) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Variable<TFloat32> v : vars) {
      try (Result r = session.runner().fetch(v).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        float[] values = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(values, false, false));
        out.put(v.op().name().substring(prefix.length()), values);
      }
    }
    return out;
  }

  /** The largest absolute difference between two sets of weights with the same names. */
  public static double maxDifference(Map<String, float[]> a, Map<String, float[]> b) {
    return differences(a, b).getMax();
  }

  /** The mean absolute difference over every element of every variable of two runs. */
  public static double meanDifference(Map<String, float[]> a, Map<String, float[]> b) {
    return differences(a, b).getAverage();
  }

  private static java.util.DoubleSummaryStatistics differences(
      Map<String, float[]> a, Map<String, float[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      throw new IllegalArgumentException(
          "different variables: " + a.keySet() + " and " + b.keySet());
    }
    java.util.DoubleSummaryStatistics d = new java.util.DoubleSummaryStatistics();
    d.accept(0);
    for (String k : a.keySet()) {
      float[] x = a.get(k);
      float[] y = b.get(k);
      for (int i = 0; i < x.length; i++) {
        d.accept(Math.abs(x[i] - y[i]));
      }
    }
    return d;
  }
}
