package dev.t2i.api.data;

/**
 * Something a loader left out under the skip policy, and why.
 *
 * @param location the file, or file and line
 * @param reason what was wrong, such as {@code "truncated JPEG"}
 */
public record SkippedItem(String location, String reason) {
  @Override
  public String toString() {
    return location + ": " + reason;
  }
}
