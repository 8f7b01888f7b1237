package dev.t2i.api.data;

import java.awt.image.BufferedImage;
import java.io.IOException;

/** Where an example's pixels come from; decoded only when a batch needs them. */
public interface ImageRef {

  /** Decodes the image, cropped as the data set prescribes. */
  BufferedImage read() throws IOException;

  /** A human-readable location for messages: a file path, or a generator and an index. */
  String location();
}
