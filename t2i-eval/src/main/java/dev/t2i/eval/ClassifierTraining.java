package dev.t2i.eval;

import dev.t2i.api.Progress;
import dev.t2i.api.data.Example;
import dev.t2i.datasets.pipeline.Batch;
import dev.t2i.datasets.pipeline.BatchLoader;
import dev.t2i.datasets.pipeline.BatchSpec;
import dev.t2i.datasets.pipeline.ImagePipelineSettings;
import dev.t2i.datasets.pipeline.Prefetcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Trains an {@link ImageClassifier} on real images, or restores the one trained before for the same
 * data and settings (kept under a directory named by their fingerprint).
 */
public final class ClassifierTraining {
  private static final Logger LOG = LoggerFactory.getLogger(ClassifierTraining.class);

  private ClassifierTraining() {}

  /**
   * @param heads the label heads
   * @param train the examples it learns from
   * @param labels one label function per head
   * @param size image side
   * @param steps training steps of 64 images (of all of them, for a smaller training split)
   * @param seed seed of the weights and batches
   * @param progress reports the training
   * @param cache where trained classifiers are kept
   * @param fingerprint identifies the data, labels and settings
   * @param augment random crops and flips while training
   */
  public static ImageClassifier trainOrRestore(
      List<ImageClassifier.Head> heads,
      List<Example> train,
      List<ToIntFunction<Example>> labels,
      int size,
      int steps,
      boolean augment,
      long seed,
      Path cache,
      String fingerprint,
      Progress.Factory progress)
      throws IOException, InterruptedException {
    ImageClassifier c = new ImageClassifier(heads, size, seed);
    Path dir = cache.resolve(fingerprint);
    if (Files.isRegularFile(dir.resolve("done"))) {
      c.restore(dir);
      LOG.info("restored the evaluation classifier {}", dir);
      return c;
    }
    c.initialize();
    Map<String, Example> byId = new HashMap<>();
    train.forEach(e -> byId.put(e.id(), e));
    ImagePipelineSettings pipeline =
        new ImagePipelineSettings(augment, null, augment, 2, 4, null, null, null, null, null);
    BatchLoader loader =
        new BatchLoader(
            train,
            null,
            new BatchSpec(Math.min(64, train.size()), size, null, false, false, true),
            pipeline,
            seed);
    try (Prefetcher prefetch = new Prefetcher(loader, 0, 4, 2);
        Progress bar = progress.start("evaluation classifier", steps, "steps")) {
      float loss = 0;
      for (int step = 0; step < steps; step++) {
        try (Batch b = prefetch.next()) {
          int n = b.ids().size();
          int[][] y = new int[heads.size()][n];
          for (int i = 0; i < n; i++) {
            Example e = byId.get(b.ids().get(i));
            for (int h = 0; h < heads.size(); h++) {
              y[h][i] = labels.get(h).applyAsInt(e);
            }
          }
          float[] x = new float[(int) b.images().size()];
          b.images().copyTo(DataBuffers.of(x, false, false));
          loss = c.train(x, n, y);
        }
        bar.set(step + 1);
        if ((step + 1) % 100 == 0) {
          bar.status(String.format("loss %.4f", loss));
        }
      }
      LOG.info("evaluation classifier trained: {} steps, last loss {}", steps, loss);
    }
    c.save(dir);
    Files.writeString(dir.resolve("done"), fingerprint + "\n", StandardCharsets.UTF_8);
    return c;
  }

  /** Accuracy per head on labelled images. */
  static double[] accuracy(ImageClassifier c, LabelledImages images) {
    ImageClassifier.Predictions p = c.run(images.batches(128), images.size(), 128);
    double[] acc = new double[c.heads().size()];
    for (int i = 0; i < images.size(); i++) {
      int[] y = images.labels(i);
      for (int h = 0; h < acc.length; h++) {
        if (p.predicted()[h][i] == y[h]) {
          acc[h]++;
        }
      }
    }
    for (int h = 0; h < acc.length; h++) {
      acc[h] /= images.size();
    }
    return acc;
  }
}
