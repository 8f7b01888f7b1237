package dev.t2i.training;

import dev.t2i.datasets.pipeline.Batch;
import dev.t2i.datasets.pipeline.Prefetcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * One training step: {@code k} discriminator updates, each on its own batch, the last of them
 * together with the generator's update in one session call, which also fetches the losses.
 */
final class TrainingStep {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingStep.class);

  private final Session session;
  private final TrainingGraph graph;
  private final Prefetcher batches;
  private final NoiseSource noise;
  private final int discriminatorSteps;
  private final List<Operand<TFloat32>> fetched = new ArrayList<>();
  private final Map<String, Integer> slots = new LinkedHashMap<>();
  private long batchesRead;

  /**
   * @param batchesRead batches the run read before this one (0, or a resumed checkpoint's count)
   */
  TrainingStep(
      Session session,
      TrainingGraph graph,
      Prefetcher batches,
      NoiseSource noise,
      int discriminatorSteps,
      long batchesRead) {
    this.session = session;
    this.graph = graph;
    this.batches = batches;
    this.noise = noise;
    this.discriminatorSteps = discriminatorSteps;
    this.batchesRead = batchesRead;
    // One fetch per distinct tensor: a loss may also be one of the named parts.
    graph
        .losses()
        .labelled()
        .forEach(
            (label, value) -> {
              int i = fetched.indexOf(value);
              if (i < 0) {
                i = fetched.size();
                fetched.add(value);
              }
              slots.put(label, i);
            });
  }

  /**
   * Batches read so far: a checkpoint records it so that a resumed run reads the batches that
   * follow.
   */
  long batchesRead() {
    return batchesRead;
  }

  /** Runs step {@code step} (counted from 0) and returns its losses by label. */
  Map<String, Float> run(long step) throws InterruptedException {
    Map<String, Float> losses = new LinkedHashMap<>();
    for (int k = 0; k < discriminatorSteps; k++) {
      try (Batch b = batches.next()) {
        batchesRead++;
        for (String s : b.skipped()) {
          LOG.warn("skipped an image that does not decode: {}", s);
        }
        run(b, step, k, k == discriminatorSteps - 1, losses);
      }
    }
    return losses;
  }

  private void run(Batch b, long step, int phase, boolean last, Map<String, Float> losses) {
    TFloat32 z =
        graph.inputs().generator().noise() == null
            ? null
            : noise.tensor(step, phase, (int) b.images().shape().get(0));
    try {
      Session.Runner r = graph.inputs().feed(session.runner(), b, z);
      graph.discriminatorStep().ifPresent(r::addTarget);
      if (!last) {
        r.run().close();
        return;
      }
      r.addTarget(graph.generatorStep());
      fetched.forEach(r::fetch);
      try (Result res = r.run()) {
        slots.forEach((label, i) -> losses.put(label, ((TFloat32) res.get(i)).getFloat()));
      }
    } finally {
      if (z != null) {
        z.close();
      }
    }
  }
}
