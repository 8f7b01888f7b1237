package dev.t2i.models.losses;

import dev.t2i.api.Loss;
import dev.t2i.api.LossInputs;
import dev.t2i.api.LossPart;
import dev.t2i.api.LossRequirements;
import dev.t2i.api.LossTerms;
import jakarta.inject.Inject;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code l2}: the Euclidean loss of the GNN between the generated image and the caption's own
 * image. It is a generator loss only.
 */
public final class L2Loss implements Loss {
  private final L2LossSettings settings;

  @Inject
  public L2Loss(L2LossSettings settings) {
    this.settings = settings;
  }

  @Override
  public LossRequirements requirements() {
    return LossRequirements.NONE;
  }

  @Override
  public LossTerms compute(Ops tf, LossInputs in) {
    Operand<TFloat32> generated = in.generated().images();
    if (settings.target() == L2LossSettings.Target.STEP_MEAN) {
      if (in.generated().steps() == null) {
        throw new IllegalArgumentException(
            "l2 target step-mean needs a sentence generator (one image per word)");
      }
      // Mean over the real words: Σ_t m_t · x_t / Σ_t m_t.
      Operand<TFloat32> mask =
          tf.expandDims(
              tf.expandDims(
                  tf.expandDims(in.generated().stepMask(), tf.constant(-1)), tf.constant(-1)),
              tf.constant(-1));
      Operand<TFloat32> sum =
          tf.reduceSum(tf.math.mul(in.generated().steps(), mask), tf.constant(1));
      Operand<TFloat32> count =
          tf.math.maximum(tf.reduceSum(mask, tf.constant(1)), tf.constant(1f));
      generated = tf.math.div(sum, count);
    }
    Operand<TFloat32> squared = tf.math.squaredDifference(generated, in.realImages());
    Operand<TFloat32> perImage = tf.reduceSum(squared, tf.constant(new int[] {1, 2, 3}));
    Operand<TFloat32> loss =
        switch (settings.reduction()) {
          case MSE -> tf.math.mean(squared, tf.constant(new int[] {0, 1, 2, 3}));
          case EUCLIDEAN ->
              tf.math.mean(tf.math.sqrt(tf.math.add(perImage, tf.constant(1e-8f))), tf.constant(0));
        };
    return new LossTerms(null, loss, Map.of(LossPart.generator("l2"), loss));
  }
}
