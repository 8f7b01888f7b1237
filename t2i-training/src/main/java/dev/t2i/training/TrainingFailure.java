package dev.t2i.training;

/** A run that had to stop, such as on a NaN loss; the message says why and what was kept. */
public final class TrainingFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrainingFailure(String message) {
    super(message);
  }
}
