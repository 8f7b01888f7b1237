package dev.t2i.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Immutable copies of maps that keep their iteration order. {@link Map#copyOf} iterates in an order
 * that changes from one JVM run to the next, which would make written files, hashes and logs differ
 * between runs of the same seed.
 */
public final class Maps {
  private Maps() {}

  /** An unmodifiable copy that iterates in {@code map}'s order. */
  public static <K, V> Map<K, V> ordered(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
