package dev.t2i.api;

/**
 * A broken invariant of t2i or of a plugin: a bug, not bad input. The command line reports it with
 * exit status 1 and points to {@code --verbose} for the stack trace, where bad input gets 2.
 */
public final class InvariantViolation extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public InvariantViolation(String message) {
    super(message);
  }

  public InvariantViolation(String message, Throwable cause) {
    super(message, cause);
  }
}
