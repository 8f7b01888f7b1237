package dev.t2i.training;

import dev.t2i.api.TextShape;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A batch of generator inputs as tensors that this object owns: close it after the run. Each is
 * null where the generator does not read it, as in {@link GeneratorPlaceholders}.
 */
public record GeneratorTensors(TFloat32 text, TFloat32 mask, TFloat32 noise)
    implements AutoCloseable {

  /**
   * Tensors of {@code rows} rows from flat row-major values.
   *
   * @param shape the text's shape, or null without text (then {@code text} and {@code masks} are
   *     ignored)
   * @param text {@code rows × shape.size()} values
   * @param masks {@code rows × shape.steps()} values for word vectors, else ignored
   * @param noise {@code rows × Z} values, or null without noise
   */
  public static GeneratorTensors of(
      int rows, TextShape shape, float[] text, float[] masks, float[] noise) {
    TFloat32 t = null;
    TFloat32 m = null;
    TFloat32 z = null;
    try {
      if (shape != null) {
        t =
            TFloat32.tensorOf(
                shape.sequence()
                    ? Shape.of(rows, shape.steps(), shape.dimension())
                    : Shape.of(rows, shape.dimension()),
                DataBuffers.of(text));
        m =
            shape.sequence()
                ? TFloat32.tensorOf(Shape.of(rows, shape.steps()), DataBuffers.of(masks))
                : null;
      }
      z =
          noise == null
              ? null
              : TFloat32.tensorOf(Shape.of(rows, noise.length / rows), DataBuffers.of(noise));
      return new GeneratorTensors(t, m, z);
    } catch (RuntimeException e) {
      new GeneratorTensors(t, m, z).close();
      throw e;
    }
  }

  @Override
  public void close() {
    for (TFloat32 x : new TFloat32[] {text, mask, noise}) {
      if (x != null) {
        x.close();
      }
    }
  }
}
