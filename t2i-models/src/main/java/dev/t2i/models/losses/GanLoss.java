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
import org.tensorflow.types.TFloat32;

/**
 * {@code gan}: binary cross-entropy, with D labelling real images 1 and generated ones 0, as in the
 * report. D's loss is its loss on real images plus the mean of its losses on the negatives:
 * generated images, and when enabled real images with a mismatched caption (Reed et al.'s {@code
 * log s_r + (log(1 - s_w) + log(1 - s_f)) / 2}) and blurred real images.
 */
public final class GanLoss implements Loss {
  private final GanLossSettings settings;

  @Inject
  public GanLoss(GanLossSettings settings) {
    this.settings = settings;
  }

  @Override
  public LossRequirements requirements() {
    return new LossRequirements(true, settings.matchingAware(), settings.blurredFakes());
  }

  @Override
  public LossTerms compute(Ops tf, LossInputs in) {
    Map<LossPart, Operand<TFloat32>> parts = new LinkedHashMap<>();
    Operand<TFloat32> real = Bce.mean(tf, in.realLogits(), settings.realLabel().floatValue(), null);
    parts.put(LossPart.discriminator("real"), real);
    List<Operand<TFloat32>> negatives = new ArrayList<>();
    Operand<TFloat32> fake = Bce.mean(tf, in.fakeLogits(), 0f, in.fakeWeights());
    parts.put(LossPart.discriminator("fake"), fake);
    negatives.add(fake);
    if (settings.matchingAware()) {
      Operand<TFloat32> wrong = Bce.mean(tf, in.mismatchedLogits(), 0f, null);
      parts.put(LossPart.discriminator("mismatched"), wrong);
      negatives.add(wrong);
    }
    if (settings.blurredFakes() > 0) {
      Operand<TFloat32> blurred = Bce.mean(tf, in.blurredLogits(), 0f, null);
      parts.put(LossPart.discriminator("blurred"), blurred);
      negatives.add(blurred);
    }
    Operand<TFloat32> negative =
        negatives.size() == 1
            ? negatives.get(0)
            : tf.math.div(tf.math.addN(negatives), tf.constant((float) negatives.size()));
    Operand<TFloat32> d = tf.math.add(real, negative);
    Operand<TFloat32> g =
        switch (settings.generator()) {
          case NON_SATURATING -> Bce.mean(tf, in.fakeLogits(), 1f, in.fakeWeights());
          case MINIMAX -> tf.math.neg(Bce.mean(tf, in.fakeLogits(), 0f, in.fakeWeights()));
        };
    parts.put(LossPart.generator("adversarial"), g);
    return new LossTerms(d, g, parts);
  }
}
