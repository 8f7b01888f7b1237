package dev.t2i.api;

import java.util.Objects;

/**
 * The key of one named scalar of a {@link LossTerms}: the network whose loss it belongs to, and its
 * name. Training routes each part by {@link #network()}, never by its spelling.
 *
 * @param network the network whose loss this part is a term of
 * @param name a lower-case identifier such as {@code real} or {@code l2}
 */
public record LossPart(Network network, String name) {
  public LossPart {
    Objects.requireNonNull(network, "network");
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "a loss part's name is a lower-case identifier ([a-z][a-z0-9_]*), got " + name);
    }
  }

  /** A term of the discriminator's loss. */
  public static LossPart discriminator(String name) {
    return new LossPart(Network.DISCRIMINATOR, name);
  }

  /** A term of the generator's loss. */
  public static LossPart generator(String name) {
    return new LossPart(Network.GENERATOR, name);
  }

  /** How logs, progress lines and {@code metrics.csv} name it: {@code d_real}, {@code g_l2}. */
  public String label() {
    return network.prefix() + "_" + name;
  }

  @Override
  public String toString() {
    return label();
  }
}
