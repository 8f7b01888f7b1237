package dev.t2i.datasets.pipeline;

import dev.t2i.api.data.ImageRef;
import java.awt.image.BufferedImage;
import java.io.IOException;

/** Decodes single images the way the pipeline does, without augmentation: for evaluations. */
public final class Images {
  private Images() {}

  /** {@code size × size × 3} floats in {@code [-1, 1]}, centre-cropped and resized. */
  public static float[] pixels(ImageRef image, int size) throws IOException {
    return pixels(image.read(), size);
  }

  /**
   * {@code size × size × 3} floats in {@code [-1, 1]}, centre-cropped and resized, row-major HWC.
   */
  public static float[] pixels(BufferedImage image, int size) {
    ImageTransform t = new ImageTransform(size, ImagePipelineSettings.defaults());
    float[] out = new float[t.floats()];
    t.apply(image, null, out);
    return out;
  }
}
