package dev.t2i.cli;

/** Exit statuses of {@code t2i}. */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int OK = 0;

  /** A failure while running: a NaN loss, an I/O error. */
  public static final int FAILURE = 1;

  /** Bad usage, configuration or input: the message says what and where. */
  public static final int USAGE = 2;

  /** Stopped by SIGINT or SIGTERM after saving a checkpoint. */
  public static final int INTERRUPTED = 130;
}
