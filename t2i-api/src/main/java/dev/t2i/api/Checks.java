package dev.t2i.api;

import java.util.Collection;
import java.util.Locale;

/**
 * Argument checks for settings records, so that every record validates in its compact constructor
 * and every violation reads the same way, {@code "ngf must be > 0, was -3"}, and carries its field
 * ({@link InvalidSettingException}).
 */
public final class Checks {
  private Checks() {}

  /** Returns {@code value}, or throws if it is null: {@code "vectors is required"}. */
  public static <T> T required(String field, T value) {
    if (value == null) {
      throw new InvalidSettingException(field, "is required");
    }
    return value;
  }

  /** Returns {@code value} if it is not null, else {@code fallback}. */
  public static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }

  public static int positive(String field, int value) {
    if (value <= 0) {
      throw new InvalidSettingException(field, "must be > 0, was " + value);
    }
    return value;
  }

  public static long positive(String field, long value) {
    if (value <= 0) {
      throw new InvalidSettingException(field, "must be > 0, was " + value);
    }
    return value;
  }

  public static double positive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new InvalidSettingException(field, "must be a finite number > 0, was " + value);
    }
    return value;
  }

  public static int nonNegative(String field, int value) {
    if (value < 0) {
      throw new InvalidSettingException(field, "must be >= 0, was " + value);
    }
    return value;
  }

  public static double nonNegative(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new InvalidSettingException(field, "must be a finite number >= 0, was " + value);
    }
    return value;
  }

  /** Checks {@code min <= value <= max}. */
  public static int inRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidSettingException(
          field, "must be in [" + min + ", " + max + "], was " + value);
    }
    return value;
  }

  /** Checks {@code min <= value <= max}. */
  public static double inRange(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new InvalidSettingException(
          field, "must be in [" + min + ", " + max + "], was " + value);
    }
    return value;
  }

  /** Checks that {@code value} is one of {@code allowed}. */
  public static <T> T oneOf(String field, T value, Collection<T> allowed) {
    if (!allowed.contains(value)) {
      throw new InvalidSettingException(field, "must be one of " + allowed + ", was " + value);
    }
    return value;
  }

  /** Checks that a name is a lower-case identifier such as {@code word2vec-sum}. */
  public static String identifier(String field, String value) {
    required(field, value);
    if (!value.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
      throw new InvalidSettingException(
          field,
          String.format(
              Locale.ROOT,
              "must be lower-case words joined by '-' (like 'word2vec-sum'), was '%s'",
              value));
    }
    return value;
  }
}
