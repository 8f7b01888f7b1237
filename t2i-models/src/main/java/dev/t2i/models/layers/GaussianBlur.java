package dev.t2i.models.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Blurs NHWC images with a Gaussian, in the graph: the report's blurred real images, shown to the
 * discriminator as extra fakes, cost no extra decoding. Edges are mirrored, not darkened.
 */
public final class GaussianBlur {
  private GaussianBlur() {}

  /**
   * @param sigma standard deviation in pixels of 64 × 64 images; scaled with {@code imageSize}
   */
  public static Operand<TFloat32> apply(
      Ops tf, Operand<TFloat32> images, double sigma, int imageSize) {
    double s = sigma * imageSize / 64.0;
    int radius = Math.max(1, (int) Math.ceil(3 * s));
    int k = 2 * radius + 1;
    float[] g = new float[k];
    double sum = 0;
    for (int i = 0; i < k; i++) {
      double d = i - radius;
      g[i] = (float) Math.exp(-d * d / (2 * s * s));
      sum += g[i];
    }
    float[][][][] kernel = new float[k][k][3][1];
    for (int y = 0; y < k; y++) {
      for (int x = 0; x < k; x++) {
        float v = (float) (g[y] * g[x] / (sum * sum));
        for (int c = 0; c < 3; c++) {
          kernel[y][x][c][0] = v;
        }
      }
    }
    Operand<TFloat32> padded =
        tf.mirrorPad(
            images,
            tf.constant(new int[][] {{0, 0}, {radius, radius}, {radius, radius}, {0, 0}}),
            "REFLECT");
    return tf.nn.depthwiseConv2dNative(
        padded, tf.constant(kernel), List.of(1L, 1L, 1L, 1L), "VALID");
  }
}
