package dev.t2i.api;

/**
 * Progress of one long task, such as training word vectors. Libraries report; the application
 * decides how to show it (the CLI draws a bar with rate and ETA).
 */
public interface Progress extends AutoCloseable {

  /** Starts tasks. */
  @FunctionalInterface
  interface Factory {
    /**
     * Starts reporting a task.
     *
     * @param task what is being done, such as {@code "word2vec skip-gram"}
     * @param total the amount of work, in {@code unit}s, or -1 if unknown
     * @param unit what is counted, such as {@code "words"}
     */
    Progress start(String task, long total, String unit);

    /** A factory whose tasks show nothing. */
    Factory SILENT = (task, total, unit) -> Progress.NONE;
  }

  /** Reports that the current amount of work done is {@code done} units. */
  void set(long done);

  /** Sets a short status shown beside the bar, such as the current loss. */
  default void status(String text) {}

  /** Ends the task. */
  @Override
  void close();

  /** Reports nothing. */
  Progress NONE = (Simple) done -> {};

  /** Shorthand for a single-method progress. */
  interface Simple extends Progress {
    @Override
    default void close() {}
  }
}
