package dev.t2i.api.data;

/** A data set that cannot be used as configured: the message names the file and what is wrong. */
public class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
