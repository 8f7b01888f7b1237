package dev.t2i.models.losses;

import org.tensorflow.Operand;
import org.tensorflow.framework.op.FrameworkOps;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Binary cross-entropy on logits, averaged, with optional per-example weights. */
final class Bce {
  private Bce() {}

  /**
   * Mean of {@code -[y log σ(x) + (1 - y) log(1 - σ(x))]}, weighted if {@code weights} is not null.
   */
  static Operand<TFloat32> mean(
      Ops tf, Operand<TFloat32> logits, float label, Operand<TFloat32> weights) {
    Operand<TFloat32> labels = tf.fill(tf.shape(logits), tf.constant(label));
    Operand<TFloat32> losses =
        FrameworkOps.create(tf).nn.sigmoidCrossEntropyWithLogits(labels, logits);
    return weightedMean(tf, losses, weights);
  }

  /** {@code mean(x)}, or {@code Σ w·x / max(Σ w, 1e-6)} with weights. */
  static Operand<TFloat32> weightedMean(Ops tf, Operand<TFloat32> x, Operand<TFloat32> weights) {
    if (weights == null) {
      return tf.math.mean(x, tf.constant(0));
    }
    Operand<TFloat32> total = tf.reduceSum(tf.math.mul(x, weights), tf.constant(0));
    return tf.math.div(
        total, tf.math.maximum(tf.reduceSum(weights, tf.constant(0)), tf.constant(1e-6f)));
  }
}
