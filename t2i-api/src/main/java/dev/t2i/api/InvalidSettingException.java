package dev.t2i.api;

/**
 * A setting whose value is not allowed. It carries the field's name as data, so that a
 * configuration loader can point at the field's line without reading the message; the message
 * starts with the name: {@code "ngf must be > 0, was -3"}.
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field the field's name in its settings record, such as {@code ngf}
   * @param problem what is wrong and what is allowed, read after the name: {@code "must be > 0, was
   *     -3"}
   */
  public InvalidSettingException(String field, String problem) {
    super(field + " " + problem);
    this.field = field;
  }

  /** The field's name in its settings record. */
  public String field() {
    return field;
  }
}
