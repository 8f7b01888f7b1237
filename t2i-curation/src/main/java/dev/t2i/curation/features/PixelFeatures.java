package dev.t2i.curation.features;

import dev.t2i.api.FeatureExtractor;
import dev.t2i.datasets.pipeline.Images;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.util.List;

/** {@code pixels}: downscaled RGB values in {@code [-1, 1]}, the baseline that needs no model. */
public final class PixelFeatures implements FeatureExtractor {
  private final int size;

  @Inject
  public PixelFeatures(PixelFeaturesSettings settings) {
    this.size = settings.size();
  }

  @Override
  public int dimension() {
    return size * size * 3;
  }

  @Override
  public float[][] extract(List<BufferedImage> images) {
    return images.stream().map(im -> Images.pixels(im, size)).toArray(float[][]::new);
  }

  @Override
  public String describe() {
    return "pixels " + size + "x" + size + " RGB in [-1, 1]";
  }

  @Override
  public void close() {}
}
