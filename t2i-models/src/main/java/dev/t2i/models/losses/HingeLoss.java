package dev.t2i.models.losses;

import dev.t2i.api.Loss;
import dev.t2i.api.LossInputs;
import dev.t2i.api.LossPart;
import dev.t2i.api.LossRequirements;
import dev.t2i.api.LossTerms;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * {@code hinge}: DF-GAN's objective (Tao et al. 2022). D minimises {@code E[max(0, 1 − D(x, s))] +
 * ½ E[max(0, 1 + D(G(z, s), s))] + ½ E[max(0, 1 + D(x, ŝ))]} with {@code ŝ} a mismatched caption,
 * plus the matching-aware gradient penalty {@code k · E[‖(∇ₓ D(x, s), ∇ₛ D(x, s))‖ᵖ]} on real
 * images with their own captions, which smooths D around the real, matching data so that G's
 * gradients point towards it. G minimises {@code −E[D(G(z, s), s)]}.
 *
 * <p>The penalty is differentiated twice: its inner gradient is seeded with an explicit tensor of
 * ones, since the default seed ({@code OnesLike}) has no gradient in TensorFlow Java.
 */
public final class HingeLoss implements Loss {
  private final HingeLossSettings settings;

  @Inject
  public HingeLoss(HingeLossSettings settings) {
    this.settings = settings;
  }

  @Override
  public LossRequirements requirements() {
    return new LossRequirements(true, settings.matchingAware(), 0);
  }

  @Override
  public LossTerms compute(Ops tf, LossInputs in) {
    Map<LossPart, Operand<TFloat32>> parts = new LinkedHashMap<>();
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> real =
        tf.math.mean(tf.nn.relu(tf.math.sub(one, in.realLogits())), tf.constant(0));
    parts.put(LossPart.discriminator("real"), real);
    Operand<TFloat32> fake =
        Bce.weightedMean(tf, tf.nn.relu(tf.math.add(one, in.fakeLogits())), in.fakeWeights());
    parts.put(LossPart.discriminator("fake"), fake);
    Operand<TFloat32> d;
    if (settings.matchingAware()) {
      Operand<TFloat32> wrong =
          tf.math.mean(tf.nn.relu(tf.math.add(one, in.mismatchedLogits())), tf.constant(0));
      parts.put(LossPart.discriminator("mismatched"), wrong);
      d = tf.math.add(real, tf.math.mul(tf.math.add(fake, wrong), tf.constant(0.5f)));
    } else {
      d = tf.math.add(real, fake);
    }
    if (settings.gradientPenalty() > 0 && in.scoredReals() != null) {
      Operand<TFloat32> penalty =
          tf.math.mul(
              gradientNormPower(tf, in), tf.constant(settings.gradientPenalty().floatValue()));
      parts.put(LossPart.discriminator("gradient_penalty"), penalty);
      d = tf.math.add(d, penalty);
    }
    Operand<TFloat32> g = tf.math.neg(Bce.weightedMean(tf, in.fakeLogits(), in.fakeWeights()));
    parts.put(LossPart.generator("adversarial"), g);
    return new LossTerms(d, g, parts);
  }

  /**
   * {@code E[‖∇ D(x, s)‖ᵖ]} over the real batch, the gradient taken for the images and the text
   * together.
   */
  private Operand<TFloat32> gradientNormPower(Ops tf, LossInputs in) {
    List<Operand<TFloat32>> wrt = new ArrayList<>();
    wrt.add(in.scoredReals());
    if (in.scoredText() != null) {
      wrt.add(in.scoredText());
    }
    Operand<TFloat32> seed = tf.fill(tf.shape(in.realLogits()), tf.constant(1f));
    Gradients grads = tf.gradients(in.realLogits(), wrt, Gradients.dx(List.of(seed)));
    Operand<TFloat32> squares = null;
    for (int i = 0; i < wrt.size(); i++) {
      Operand<TFloat32> gi = grads.dy(i);
      int rank = wrt.get(i).shape().numDimensions();
      int[] axes = new int[rank - 1];
      for (int a = 1; a < rank; a++) {
        axes[a - 1] = a;
      }
      Operand<TFloat32> s = tf.reduceSum(tf.math.square(gi), tf.constant(axes));
      squares = squares == null ? s : tf.math.add(squares, s);
    }
    // ‖g‖ᵖ = (‖g‖²)^(p/2): no square root, whose gradient is infinite at zero.
    Operand<TFloat32> power =
        tf.math.pow(squares, tf.constant((float) (settings.penaltyPower() / 2)));
    return tf.math.mean(power, tf.constant(0));
  }
}
