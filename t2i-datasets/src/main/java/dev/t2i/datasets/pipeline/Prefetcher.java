package dev.t2i.datasets.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prepares the next batches on background threads and hands them out in order. At most {@code
 * depth} batches exist at once, so memory stays proportional to the batch.
 */
public final class Prefetcher implements AutoCloseable {
  private final BatchLoader loader;
  private final int depth;
  private final ExecutorService pool;
  private final Deque<Future<Batch>> inFlight = new ArrayDeque<>();
  private long nextToSubmit;

  /**
   * @param first the first batch to hand out (a resumed run starts past 0)
   * @param depth batches prepared ahead
   * @param workers threads preparing them
   */
  public Prefetcher(BatchLoader loader, long first, int depth, int workers) {
    this.loader = loader;
    this.depth = depth;
    this.nextToSubmit = first;
    this.pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "t2i-batches");
              t.setDaemon(true);
              return t;
            });
    while (inFlight.size() < depth) {
      submit();
    }
  }

  private void submit() {
    long b = nextToSubmit++;
    inFlight.add(pool.submit(() -> loader.load(b)));
  }

  /** The next batch, waiting for it if needed. */
  public Batch next() throws InterruptedException {
    Future<Batch> head = inFlight.poll();
    submit();
    try {
      return head.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  /** Waits for the batches in preparation and frees every batch not handed out. */
  @Override
  public void close() {
    pool.shutdown();
    boolean interrupted = false;
    for (Future<Batch> f : inFlight) {
      try {
        f.get().close();
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        // A failed batch holds no tensors.
      }
    }
    inFlight.clear();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
