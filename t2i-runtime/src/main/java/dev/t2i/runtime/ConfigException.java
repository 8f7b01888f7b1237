package dev.t2i.runtime;

/**
 * A configuration that cannot be used. The message starts with the location, like a compiler's:
 * {@code run.yaml:7:9: unknown generator type 'dcgna'; known: dcgan, gnn}.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final int column;
  private final String problem;

  /**
   * @param source file name as the user gave it
   * @param line 1-based line, or 0 if unknown
   * @param column 1-based column, or 0 if unknown
   * @param problem what is wrong and what is allowed
   */
  public ConfigException(String source, int line, int column, String problem, Throwable cause) {
    super(format(source, line, column, problem), cause);
    this.source = source;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  private static String format(String source, int line, int column, String problem) {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    return sb.append(": ").append(problem).toString();
  }

  public String source() {
    return source;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The message without the location. */
  public String problem() {
    return problem;
  }
}
