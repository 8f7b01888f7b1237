package dev.t2i.bench;

import dev.t2i.training.generate.TextToImage;
import java.nio.file.Path;

/**
 * Warm generation latency at batch 1: load a run once, then time single-image requests. Usage:
 * {@code GenerationBench RUN_DIR REQUESTS}. Prints {@code load_seconds} and {@code
 * warm_latency_ms}.
 */
public final class GenerationBench {
  private GenerationBench() {}

  public static void main(String[] args) throws Exception {
    Path run = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    long t0 = System.nanoTime();
    try (TextToImage model = TextToImage.load(run)) {
      System.out.printf("load_seconds = %.3f%n", (System.nanoTime() - t0) / 1e9);
      String[] captions = {
        "this flower has pink petals and a yellow center",
        "a large flower with blue thin petals",
        "the petals are red and the center is black"
      };
      for (int i = 0; i < 5; i++) {
        model.generate(captions[i % 3], 1, i);
      }
      double[] ms = new double[n];
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        model.generate(captions[i % 3], 1, i);
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
      System.out.println("latencies_ms = " + Stats.summary(ms));
      System.out.printf("warm_latency_ms = %.2f%n", Stats.median(ms));
    }
  }
}
