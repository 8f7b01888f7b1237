package dev.t2i.models.layers;

import dev.t2i.api.Parameters;
import dev.t2i.api.Precision;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Convolutions and matrix products in the precision of a {@link Parameters} store. In bfloat16,
 * both operands are cast to bfloat16 and the result back to float32, so that the variables, their
 * gradients (through the casts) and everything between products stay float32.
 */
public final class Products {
  private Products() {}

  /** {@code conv2d(x, w)} with the given strides and padding. */
  public static Operand<TFloat32> conv2d(
      Ops tf,
      Parameters p,
      Operand<TFloat32> x,
      Operand<TFloat32> w,
      List<Long> strides,
      String padding) {
    if (p.precision() == Precision.BFLOAT16) {
      return tf.dtypes.cast(
          tf.nn.conv2d(half(tf, x), half(tf, w), strides, padding), TFloat32.class);
    }
    return tf.nn.conv2d(x, w, strides, padding);
  }

  /** The transposed convolution of {@code x} by {@code w} to {@code outputShape}. */
  public static Operand<TFloat32> conv2dTranspose(
      Ops tf,
      Parameters p,
      Operand<TInt32> outputShape,
      Operand<TFloat32> w,
      Operand<TFloat32> x,
      List<Long> strides,
      String padding) {
    if (p.precision() == Precision.BFLOAT16) {
      return tf.dtypes.cast(
          tf.nn.conv2dBackpropInput(outputShape, half(tf, w), half(tf, x), strides, padding),
          TFloat32.class);
    }
    return tf.nn.conv2dBackpropInput(outputShape, w, x, strides, padding);
  }

  /** {@code a · b}. */
  public static Operand<TFloat32> matMul(
      Ops tf, Parameters p, Operand<TFloat32> a, Operand<TFloat32> b) {
    if (p.precision() == Precision.BFLOAT16) {
      return tf.dtypes.cast(tf.linalg.matMul(half(tf, a), half(tf, b)), TFloat32.class);
    }
    return tf.linalg.matMul(a, b);
  }

  private static Operand<TBfloat16> half(Ops tf, Operand<TFloat32> x) {
    return tf.dtypes.cast(x, TBfloat16.class);
  }
}
