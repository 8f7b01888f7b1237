package dev.t2i.datasets.pipeline;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * Turns a decoded image into {@code size × size × 3} floats in {@code [-1, 1]}, row-major HWC:
 * centre-crop to a square, resize (halving first for large reductions, then bilinear), crop (at
 * random when training with random crops, else centred) and flip (at random, if enabled).
 */
final class ImageTransform {
  private final int size;
  private final int loadSize;
  private final boolean randomCrop;
  private final boolean flip;

  ImageTransform(int size, ImagePipelineSettings settings) {
    this.size = size;
    this.randomCrop = settings.randomCrop();
    this.loadSize = randomCrop ? (int) Math.round(size * settings.cropScale()) : size;
    this.flip = settings.flip();
  }

  /** Floats per image. */
  int floats() {
    return size * size * 3;
  }

  /**
   * Writes the transformed image into {@code out}.
   *
   * @param rng the example's generator for crop and flip, or null for a deterministic centred,
   *     unflipped image
   */
  void apply(BufferedImage image, SplittableRandom rng, float[] out) {
    int side = Math.min(image.getWidth(), image.getHeight());
    int x0 = (image.getWidth() - side) / 2;
    int y0 = (image.getHeight() - side) / 2;
    int[] rgb = resized(image, x0, y0, side);
    int ox = (loadSize - size) / 2;
    int oy = ox;
    boolean mirror = false;
    if (rng != null) {
      if (randomCrop) {
        ox = rng.nextInt(loadSize - size + 1);
        oy = rng.nextInt(loadSize - size + 1);
      }
      mirror = flip && rng.nextBoolean();
    }
    int i = 0;
    for (int y = 0; y < size; y++) {
      int row = (oy + y) * loadSize;
      for (int x = 0; x < size; x++) {
        int p = rgb[row + ox + (mirror ? size - 1 - x : x)];
        out[i++] = ((p >> 16) & 0xff) / 127.5f - 1f;
        out[i++] = ((p >> 8) & 0xff) / 127.5f - 1f;
        out[i++] = (p & 0xff) / 127.5f - 1f;
      }
    }
  }

  /** The square {@code (x0, y0, side)} of {@code image} as {@code loadSize²} RGB ints. */
  private int[] resized(BufferedImage image, int x0, int y0, int side) {
    if (side == loadSize
        && image.getType() == BufferedImage.TYPE_INT_RGB
        && x0 == 0
        && y0 == 0
        && image.getWidth() == side
        && image.getRaster().getDataBuffer() instanceof DataBufferInt db
        && image.getRaster().getSampleModelTranslateX() == 0
        && image.getRaster().getSampleModelTranslateY() == 0) {
      return db.getData();
    }
    BufferedImage current = image.getSubimage(x0, y0, side, side);
    int s = side;
    // Halve first: one bilinear step from far above the target would alias.
    while (s / 2 >= loadSize * 2) {
      s /= 2;
      current = draw(current, s);
    }
    return ((DataBufferInt) draw(current, loadSize).getRaster().getDataBuffer()).getData();
  }

  private static BufferedImage draw(BufferedImage src, int side) {
    BufferedImage dst = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = dst.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(src, 0, 0, side, side, null);
    } finally {
      g.dispose();
    }
    return dst;
  }
}
