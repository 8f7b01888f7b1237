package dev.t2i.api;

/** The network a loss term trains: its gradient updates only that network's weights. */
public enum Network {
  DISCRIMINATOR("d"),
  GENERATOR("g");

  private final String prefix;

  Network(String prefix) {
    this.prefix = prefix;
  }

  /**
   * The short label that logs and {@code metrics.csv} put before a term's name: {@code d} or {@code
   * g}.
   */
  public String prefix() {
    return prefix;
  }
}
