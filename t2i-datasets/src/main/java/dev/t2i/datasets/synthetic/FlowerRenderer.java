package dev.t2i.datasets.synthetic;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * Draws a {@link Flower} at any size, bit-identically on every machine.
 *
 * <p>Each petal is a shape along its axis with a half-width profile (an ellipse for round and thin
 * petals, a tapered profile for pointed ones); its signed distance is approximated by the
 * perpendicular offset minus the half-width, and coverage is {@code clamp(0.5 - d, 0, 1)}: one
 * evaluation per pixel gives anti-aliased edges. All trigonometry is {@link StrictMath}.
 */
public final class FlowerRenderer {
  private static final double[] BACKGROUND = {34, 52, 38};

  private FlowerRenderer() {}

  /** Renders {@code f} as a {@code size × size} RGB image. */
  public static BufferedImage render(Flower f, int size) {
    double s = size / 64.0;
    double cx = (32 + f.dx()) * s;
    double cy = (32 + f.dy()) * s;
    double radius = f.radius() * s;
    double centreRadius = 0.33 * radius;
    double halfWidth = f.shape().aspect * radius / 2;
    SplittableRandom rng = new SplittableRandom(f.renderSeed());

    // Background: smooth low-frequency variation (at most ±12 per channel) plus pixel noise.
    double[][] waves = new double[3][9];
    for (int ch = 0; ch < 3; ch++) {
      for (int k = 0; k < 3; k++) {
        waves[ch][3 * k] = 4.0 * rng.nextDouble();
        waves[ch][3 * k + 1] = (rng.nextDouble() * 2 - 1) * 2 * Math.PI / 64 * 1.5;
        waves[ch][3 * k + 2] = rng.nextDouble() * 2 * Math.PI;
      }
    }
    double[] petalRgb = jitter(f.petal(), f.petalJitter());
    double[] centreRgb = jitter(f.centre(), f.centreJitter());
    double[] axisX = new double[f.petals()];
    double[] axisY = new double[f.petals()];
    for (int k = 0; k < f.petals(); k++) {
      double angle = f.rotation() + 2 * Math.PI * k / f.petals();
      axisX[k] = StrictMath.cos(angle);
      axisY[k] = StrictMath.sin(angle);
    }
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    // Each wave is sin(a·x + b·y + φ) = sin(a·x + φ)·cos(b·y) + cos(a·x + φ)·sin(b·y): tables per
    // column and per row replace a sine per pixel.
    double[][] colSin = new double[9][size];
    double[][] colCos = new double[9][size];
    double[][] rowSin = new double[9][size];
    double[][] rowCos = new double[9][size];
    for (int w = 0; w < 9; w++) {
      double[] wave = waves[w / 3];
      int k = w % 3;
      for (int i = 0; i < size; i++) {
        double at = (i + 0.5) / s;
        double ax = wave[3 * k + 1] * at + wave[3 * k + 2];
        double by = wave[3 * k + 1] * at * (k - 1);
        colSin[w][i] = StrictMath.sin(ax);
        colCos[w][i] = StrictMath.cos(ax);
        rowSin[w][i] = StrictMath.sin(by);
        rowCos[w][i] = StrictMath.cos(by);
      }
    }
    double[] px = new double[3];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        for (int ch = 0; ch < 3; ch++) {
          double v = BACKGROUND[ch];
          for (int k = 0; k < 3; k++) {
            int w = 3 * ch + k;
            v += waves[ch][3 * k] * (colSin[w][x] * rowCos[w][y] + colCos[w][x] * rowSin[w][y]);
          }
          px[ch] = v + 4 * gaussian(rng);
        }
        double ux = x + 0.5 - cx;
        double uy = y + 0.5 - cy;
        double r2 = ux * ux + uy * uy;
        if (r2 < (radius + 1.5) * (radius + 1.5)) {
          for (int k = 0; k < f.petals(); k++) {
            double u = ux * axisX[k] + uy * axisY[k];
            double v = -ux * axisY[k] + uy * axisX[k];
            double t = u / radius;
            double d;
            if (t <= 0) {
              d = Math.sqrt(u * u + v * v);
            } else if (t >= 1) {
              d = Math.sqrt((u - radius) * (u - radius) + v * v);
            } else {
              d = Math.abs(v) - halfWidth * profile(f.shape(), t);
            }
            double cover = clamp(0.5 - d);
            if (cover > 0) {
              double shade = 0.82 + 0.26 * Math.max(0, Math.min(1, t));
              for (int ch = 0; ch < 3; ch++) {
                px[ch] += cover * (Math.min(255, petalRgb[ch] * shade) - px[ch]);
              }
            }
          }
          double dc = Math.sqrt(r2) - centreRadius;
          double cover = clamp(0.5 - dc);
          if (cover > 0) {
            double shade = 1.05 - 0.15 * Math.sqrt(r2) / Math.max(centreRadius, 1e-9);
            for (int ch = 0; ch < 3; ch++) {
              px[ch] += cover * (Math.min(255, centreRgb[ch] * shade) - px[ch]);
            }
          }
        }
        int r = toByte(px[0]);
        int g = toByte(px[1]);
        int b = toByte(px[2]);
        pixels[y * size + x] = (r << 16) | (g << 8) | b;
      }
    }
    return image;
  }

  /** Half-width along the petal, 0 at both ends and 1 at its widest. */
  private static double profile(FlowerPalette.Shape shape, double t) {
    if (shape == FlowerPalette.Shape.POINTED) {
      // Widest at a third of its length, tapering to a sharp tip.
      return Math.sqrt(t) * (1 - t) / 0.38490017945975047;
    }
    double e = 2 * t - 1;
    return Math.sqrt(Math.max(0, 1 - e * e));
  }

  private static double[] jitter(FlowerPalette.Colour c, int[] j) {
    return new double[] {c.r() + j[0], c.g() + j[1], c.b() + j[2]};
  }

  private static double clamp(double v) {
    return v <= 0 ? 0 : v >= 1 ? 1 : v;
  }

  private static int toByte(double v) {
    long r = Math.round(v);
    return (int) (r < 0 ? 0 : r > 255 ? 255 : r);
  }

  /**
   * An approximately standard normal draw: the sum of four uniforms (Irwin–Hall), centred and
   * scaled to unit variance. Pure arithmetic, so reproducible everywhere, and cheap.
   */
  private static double gaussian(SplittableRandom rng) {
    double sum = rng.nextDouble() + rng.nextDouble() + rng.nextDouble() + rng.nextDouble();
    return (sum - 2) * 1.7320508075688772;
  }
}
