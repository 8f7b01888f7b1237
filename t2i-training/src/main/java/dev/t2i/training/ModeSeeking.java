package dev.t2i.training;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Mode-seeking regularisation (Mao et al., CVPR 2019): the generator is penalised when two noise
 * vectors for the same caption give alike images.
 *
 * <p>With {@code training.modeSeeking: λ}, the generator sees each batch's first half of captions
 * twice, with independent noise: row {@code i} and row {@code i + B/2} share a caption. The term
 * added to the generator's loss is {@code λ / (mean|x₁ − x₂| / mean|z₁ − z₂| + ε)} over the two
 * halves' images {@code x} and noise {@code z} (MSGAN's {@code lz}). It is large exactly when the
 * generator ignores its noise, and its gradient pushes the two images apart.
 */
public final class ModeSeeking {
  /** MSGAN's ε. */
  public static final float EPSILON = 1e-5f;

  private ModeSeeking() {}

  /** {@code [B, …]} → {@code [B, …]}: the first half of the rows, twice. B must be even. */
  public static <T extends org.tensorflow.types.family.TType> Operand<T> pairHalves(
      Ops tf, Operand<T> batch) {
    Operand<T> first = firstHalf(tf, batch);
    return tf.concat(List.of(first, first), tf.constant(0));
  }

  /**
   * {@code [B, …]} → {@code [B/2, …]}: the rows whose captions both halves of a paired batch draw.
   */
  public static <T extends org.tensorflow.types.family.TType> Operand<T> firstHalf(
      Ops tf, Operand<T> batch) {
    return halves(tf, batch).get(0);
  }

  /**
   * The term {@code weight / (mean|x₁ − x₂| / mean|z₁ − z₂| + ε)} for images and noise whose halves
   * share their captions.
   *
   * @param images {@code [B, H, W, C]}
   * @param noise {@code [B, Z]}
   */
  public static Operand<TFloat32> term(
      Ops tf, Operand<TFloat32> images, Operand<TFloat32> noise, double weight) {
    List<Operand<TFloat32>> x = halves(tf, images);
    List<Operand<TFloat32>> z = halves(tf, noise);
    Operand<TFloat32> imageDistance = meanAbsolute(tf, tf.math.sub(x.get(0), x.get(1)));
    Operand<TFloat32> noiseDistance = meanAbsolute(tf, tf.math.sub(z.get(0), z.get(1)));
    Operand<TFloat32> ratio = tf.math.div(imageDistance, noiseDistance);
    return tf.math.div(tf.constant((float) weight), tf.math.add(ratio, tf.constant(EPSILON)));
  }

  private static Operand<TFloat32> meanAbsolute(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> abs = tf.math.abs(x);
    Operand<TInt32> axes = tf.range(tf.constant(0), tf.rank(abs), tf.constant(1));
    return tf.math.mean(abs, axes);
  }

  @SuppressWarnings("unchecked")
  private static <T extends org.tensorflow.types.family.TType> List<Operand<T>> halves(
      Ops tf, Operand<T> batch) {
    Split<T> split = tf.split(tf.constant(0), batch, 2L);
    return List.of(split.output().get(0), split.output().get(1));
  }
}
