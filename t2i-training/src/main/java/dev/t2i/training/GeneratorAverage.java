package dev.t2i.training;

import dev.t2i.api.Generator;
import dev.t2i.api.GeneratorInput;
import dev.t2i.api.InvariantViolation;
import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An exponential moving average of the generator's weights (Yazıcı et al. 2019; BigGAN), kept in
 * shadow variables under the scope {@value #SCOPE} with the generator's own names.
 *
 * <p>A GAN's generator moves with the discriminator from step to step; its average over the last
 * few thousand steps is steadier, and it is what samples, checkpoints' inference and evaluation use
 * when {@code training.generatorAverage} is set. Training itself still updates the generator's own
 * weights ({@code G_}); the average never feeds back.
 *
 * <p>After each generator update, every trainable shadow moves towards its variable: {@code s ← s −
 * (1 − d)(s − v)} with {@code d = min(decay, n / (n + 1))} for the {@code n}-th update (from 0):
 * the plain mean of all weights so far until that mean spans {@code 1 / (1 − decay)} steps, then
 * the exponential average. The first update copies the weights, so no average remembers the random
 * initialisation. (TensorFlow's {@code (1 + n) / (10 + n)} warm-up would cap a 15,000-step run's
 * horizon near 1,500 steps whatever the decay.)
 *
 * <p>Batch normalisation's statistics are not averaged: averaged weights produce other activations
 * than any of the weights averaged, and statistics that do not match them cost the averaged
 * generator its colours (measured: petal colour 0.87 with averaged statistics, 0.95 with matching
 * ones, on the same averaged weights). The averaged generator is applied in training mode to each
 * training batch after its shadows move, and its own moving averages of the statistics it sees are
 * what inference uses (BigGAN's "standing statistics", kept up to date).
 */
public final class GeneratorAverage {
  /** The scope of the shadow variables: {@code Gavg_fc_w} shadows {@code G_fc_w}. */
  public static final String SCOPE = "Gavg";

  private static final String COUNTER = "ema_updates";

  private GeneratorAverage() {}

  /** The scope whose variables generate images for a run trained with {@code training}. */
  public static String inferenceScope(TrainingSettings training) {
    return training.generatorAverage() > 0 ? SCOPE : "G";
  }

  /**
   * The op that moves every trainable shadow in {@code averaged} towards its variable in {@code
   * weights}, after {@code after} (the generator's update), then measures the averaged generator's
   * batch statistics on {@code batch}.
   *
   * @param averaged the shadows, already created by building the generator under {@link #SCOPE}
   * @throws IllegalStateException if a shadow has no variable of the same name in {@code weights}
   */
  public static Op update(
      Ops tf,
      Generator generator,
      GeneratorInput batch,
      Parameters weights,
      Parameters averaged,
      double decay,
      List<Op> after) {
    Map<String, Variable<TFloat32>> sources = new LinkedHashMap<>();
    for (Variable<TFloat32> v : weights.trainableVariables()) {
      sources.put(v.op().name().substring(weights.prefix().length()), v);
    }
    List<Variable<TFloat32>> shadows = averaged.trainableVariables();
    Variable<TFloat32> counter = averaged.state(tf, COUNTER, Shape.scalar(), 0f);
    Ops ordered = tf.withControlDependencies(after);
    Operand<TFloat32> n = ordered.identity(counter);
    Operand<TFloat32> warmUp = ordered.math.div(n, ordered.math.add(n, ordered.constant(1f)));
    Operand<TFloat32> d = ordered.math.minimum(ordered.constant((float) decay), warmUp);
    Operand<TFloat32> rate = ordered.math.sub(ordered.constant(1f), d);
    List<Op> moves = new ArrayList<>();
    for (Variable<TFloat32> s : shadows) {
      String name = s.op().name().substring(averaged.prefix().length());
      Variable<TFloat32> v = sources.get(name);
      if (v == null) {
        throw new InvariantViolation(
            "the averaged generator has "
                + s.op().name()
                + " but the generator has no "
                + weights.prefix()
                + name
                + "; variables: "
                + sources.keySet().stream().collect(Collectors.joining(", ")));
      }
      moves.add(ordered.assignSub(s, ordered.math.mul(rate, ordered.math.sub(s, v))));
    }
    Ops moved = tf.withControlDependencies(moves);
    List<Op> done = new ArrayList<>();
    done.add(moved.assignAdd(counter, moved.constant(1f)));
    int before = averaged.updates().size();
    generator.generate(moved, averaged, batch, Mode.TRAIN);
    done.addAll(averaged.updates().subList(before, averaged.updates().size()));
    return tf.withName("G_average").withControlDependencies(done).noOp();
  }
}
