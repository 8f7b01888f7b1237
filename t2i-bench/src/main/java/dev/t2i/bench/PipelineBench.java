package dev.t2i.bench;

import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Split;
import dev.t2i.datasets.oxford.Oxford102Settings;
import dev.t2i.datasets.oxford.Oxford102Source;
import dev.t2i.datasets.pipeline.Batch;
import dev.t2i.datasets.pipeline.BatchLoader;
import dev.t2i.datasets.pipeline.BatchSpec;
import dev.t2i.datasets.pipeline.ImagePipelineSettings;
import dev.t2i.datasets.pipeline.Prefetcher;
import java.nio.file.Path;

/**
 * Throughput of the image pipeline on Oxford-102's JPEGs: decode, random 76 → 64 crop and flip,
 * scale to [-1, 1] and write batches of 64 into tensors, with 1 and 2 workers. Usage: {@code
 * PipelineBench OXFORD_ROOT BATCHES ROUNDS}. Prints {@code images_per_second_W}.
 */
public final class PipelineBench {
  private PipelineBench() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int batches = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    DatasetIndex index =
        new Oxford102Source(new Oxford102Settings(root, true, 0L, 20, null, null)).load();
    var train = index.split(Split.TRAIN);
    System.out.println("images = " + train.size());
    // Warm up the JIT and the page cache on a full pass before measuring anything.
    BatchLoader warm =
        new BatchLoader(
            train,
            null,
            new BatchSpec(64, 64, null, false, false, true),
            new ImagePipelineSettings(true, null, true, 2, 4, null, null, null, null, null),
            7);
    try (Prefetcher p = new Prefetcher(warm, 0, 4, 2)) {
      for (int i = 0; i < warm.batchesPerEpoch(); i++) {
        p.next().close();
      }
    }
    for (int workers : new int[] {1, 2}) {
      ImagePipelineSettings s =
          new ImagePipelineSettings(
              true, null, true, workers, 2 * workers, null, null, null, null, null);
      BatchLoader loader =
          new BatchLoader(train, null, new BatchSpec(64, 64, null, false, false, true), s, 1);
      double[] rates = new double[rounds];
      long first = 0;
      for (int r = 0; r < rounds; r++) {
        try (Prefetcher p = new Prefetcher(loader, first, 2 * workers, workers)) {
          for (int i = 0; i < 2; i++) {
            p.next().close();
          }
          long t0 = System.nanoTime();
          for (int i = 0; i < batches; i++) {
            try (Batch b = p.next()) {
              if (b.images().size() == 0) {
                throw new IllegalStateException();
              }
            }
          }
          rates[r] = 64.0 * batches / ((System.nanoTime() - t0) / 1e9);
        }
        first += batches + 2 * workers + 2;
      }
      System.out.printf(
          "images_per_second_%d = %.0f (%s)%n", workers, Stats.median(rates), Stats.summary(rates));
    }
  }
}
