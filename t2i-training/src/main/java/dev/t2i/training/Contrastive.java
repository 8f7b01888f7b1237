package dev.t2i.training;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A contrastive image-caption term, as XMC-GAN (Zhang et al., CVPR 2021) trains its discriminator
 * and generator: the discriminator scores every image of a batch against every caption of it, and a
 * softmax over the captions must pick the image's own.
 *
 * <p>A matching-aware loss shows the discriminator one wrong caption per image, which usually
 * differs in colour; here every other caption of the batch is a negative, so an image is only
 * scored above all of them if what tells captions apart (count, shape, size) is in its features.
 * With {@code training.contrastive: λ} the discriminator pays {@code λ ·} the term on real images,
 * and the generator the same on its own images (after the discriminator's update).
 *
 * <p>Pair logits are {@code [N, M]}, entry {@code (i, j)} for image {@code i} and caption {@code
 * j}; image {@code i}'s own caption is {@code i mod M} ({@code M = N}, or {@code N/2} when mode
 * seeking draws each caption of the first half twice).
 */
public final class Contrastive {
  private Contrastive() {}

  /** {@code [N]}: each image's logit with its own caption. */
  public static Operand<TFloat32> own(Ops tf, Operand<TFloat32> pairs) {
    return tf.reduceSum(tf.math.mul(pairs, ownCaption(tf, pairs)), tf.constant(1));
  }

  /**
   * {@code λ ·} the mean over images of {@code −log softmax(pairsᵢ)[own caption]}: 0 when every
   * image scores its own caption far above the others, {@code λ · log M} when it cannot tell them
   * apart.
   */
  public static Operand<TFloat32> term(Ops tf, Operand<TFloat32> pairs, double weight) {
    Operand<TFloat32> logProbabilities = tf.nn.logSoftmax(pairs);
    Operand<TFloat32> own =
        tf.reduceSum(
            tf.math.mul(logProbabilities, ownCaption(tf, pairs)),
            tf.constant(1),
            ReduceSum.keepDims(false));
    return tf.math.mul(tf.math.neg(tf.math.mean(own, tf.constant(0))), tf.constant((float) weight));
  }

  /** {@code [N, M]}: 1 at {@code (i, i mod M)}, 0 elsewhere. */
  private static Operand<TFloat32> ownCaption(Ops tf, Operand<TFloat32> pairs) {
    Operand<TInt32> shape = tf.shape(pairs);
    Operand<TInt32> n = tf.gather(shape, tf.constant(0), tf.constant(0));
    Operand<TInt32> m = tf.gather(shape, tf.constant(1), tf.constant(0));
    Operand<TInt32> captions = tf.math.floorMod(tf.range(tf.constant(0), n, tf.constant(1)), m);
    return tf.oneHot(captions, m, tf.constant(1f), tf.constant(0f));
  }
}
