package dev.t2i.curation.features;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How pixels are scaled for a SavedModel, as the model was trained. */
public enum Preprocessing {
  /** Keras "caffe" mode (VGG16, ResNet50): BGR, 0–255 minus the ImageNet channel means. */
  @JsonProperty("caffe")
  CAFFE,
  /** RGB in {@code [0, 1]}. */
  @JsonProperty("unit")
  UNIT,
  /** RGB in {@code [-1, 1]} (Keras "tf" mode: Inception, MobileNet). */
  @JsonProperty("symmetric")
  SYMMETRIC,
  /** RGB, 0–255. */
  @JsonProperty("raw")
  RAW;

  private static final float[] IMAGENET_BGR_MEAN = {103.939f, 116.779f, 123.68f};

  /** Converts {@code [-1, 1]} RGB HWC floats in place. */
  void apply(float[] hwc) {
    for (int i = 0; i < hwc.length; i += 3) {
      float r = (hwc[i] + 1) * 127.5f;
      float g = (hwc[i + 1] + 1) * 127.5f;
      float b = (hwc[i + 2] + 1) * 127.5f;
      switch (this) {
        case CAFFE -> {
          hwc[i] = b - IMAGENET_BGR_MEAN[0];
          hwc[i + 1] = g - IMAGENET_BGR_MEAN[1];
          hwc[i + 2] = r - IMAGENET_BGR_MEAN[2];
        }
        case UNIT -> {
          hwc[i] = r / 255f;
          hwc[i + 1] = g / 255f;
          hwc[i + 2] = b / 255f;
        }
        case RAW -> {
          hwc[i] = r;
          hwc[i + 1] = g;
          hwc[i + 2] = b;
        }
        case SYMMETRIC -> {
          // already in [-1, 1]
        }
      }
    }
  }

  /** The YAML name. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
