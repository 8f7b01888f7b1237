package dev.t2i.api.data;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.IOException;

/**
 * A data set of images with captions, as configured in YAML under {@code dataset:}.
 *
 * <p>Loading reads the index (file names, captions, labels, splits), not the pixels.
 */
public interface ImageCaptionSource {

  /** Settings of a data set; YAML selects the loader with {@code type:}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  interface Settings {}

  /**
   * Reads the index.
   *
   * @throws DatasetException if the data set is malformed and the policy is to fail
   * @throws IOException if it cannot be read
   */
  DatasetIndex load() throws IOException;
}
