package dev.t2i.datasets.pipeline;

import dev.t2i.api.data.ImageRef;
import java.io.IOException;

/** Decodes single images the way the pipeline does, without augmentation: for evaluations. */
public final class Images {
  private Images() {}

  /** {@code size × size × 3} floats in {@code [-1, 1]}, centre-cropped and resized. */
  public static float[] pixels(ImageRef image, int size) throws IOException {
    ImageTransform t = new ImageTransform(size, ImagePipelineSettings.defaults());
    float[] out = new float[t.floats()];
    t.apply(image.read(), null, out);
    return out;
  }
}
