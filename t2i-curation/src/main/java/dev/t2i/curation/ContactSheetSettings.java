package dev.t2i.curation;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;

/**
 * Settings of the contact sheet.
 *
 * @param perCluster sample images per cluster (one row each)
 * @param thumbnail side of each image, in pixels
 */
public record ContactSheetSettings(
    @JsonPropertyDescription("sample images per cluster") Integer perCluster,
    @JsonPropertyDescription("side of each image, in pixels") Integer thumbnail) {
  public ContactSheetSettings {
    perCluster = Checks.inRange("perCluster", Checks.orDefault(perCluster, 12), 1, 100);
    thumbnail = Checks.inRange("thumbnail", Checks.orDefault(thumbnail, 64), 16, 512);
  }

  /** Every default. */
  public static ContactSheetSettings defaults() {
    return new ContactSheetSettings(null, null);
  }
}
