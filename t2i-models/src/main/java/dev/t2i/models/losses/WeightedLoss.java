package dev.t2i.models.losses;

import dev.t2i.api.Loss;
import dev.t2i.api.LossInputs;
import dev.t2i.api.LossPart;
import dev.t2i.api.LossRequirements;
import dev.t2i.api.LossTerms;
import dev.t2i.api.plugin.ComponentFactory;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code weighted}: the λ-weighted sum of its terms' discriminator parts and of their generator
 * parts, such as the report's {@code adversarial + λ·L2} ("penalty method"). Each term's parts are
 * logged under their own names.
 */
public final class WeightedLoss implements Loss {
  private final List<Double> weights = new ArrayList<>();
  private final List<Loss> terms = new ArrayList<>();

  @Inject
  public WeightedLoss(WeightedLossSettings settings, ComponentFactory factory) {
    for (WeightedLossSettings.Term t : settings.terms()) {
      weights.add(t.weight());
      terms.add(factory.create(Loss.class, t.loss()));
    }
  }

  @Override
  public LossRequirements requirements() {
    LossRequirements r = LossRequirements.NONE;
    for (Loss l : terms) {
      r = r.and(l.requirements());
    }
    return r;
  }

  @Override
  public LossTerms compute(Ops tf, LossInputs in) {
    List<Operand<TFloat32>> d = new ArrayList<>();
    List<Operand<TFloat32>> g = new ArrayList<>();
    Map<LossPart, Operand<TFloat32>> parts = new LinkedHashMap<>();
    for (int i = 0; i < terms.size(); i++) {
      LossTerms t = terms.get(i).compute(tf, in);
      Operand<TFloat32> w = tf.constant(weights.get(i).floatValue());
      if (t.discriminator() != null) {
        d.add(tf.math.mul(w, t.discriminator()));
      }
      if (t.generator() != null) {
        g.add(tf.math.mul(w, t.generator()));
      }
      t.parts().forEach(parts::putIfAbsent);
    }
    return new LossTerms(sum(tf, d), sum(tf, g), parts);
  }

  private static Operand<TFloat32> sum(Ops tf, List<Operand<TFloat32>> xs) {
    return xs.isEmpty() ? null : xs.size() == 1 ? xs.get(0) : tf.math.addN(xs);
  }
}
