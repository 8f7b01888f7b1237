package dev.t2i.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The scalar losses a {@link Loss} built.
 *
 * @param discriminator what the discriminator minimises, or null if this loss has no D part
 * @param generator what the generator minimises, or null if this loss has no G part
 * @param parts named scalars for logs and TensorBoard, each keyed by its network, such as {@code
 *     LossPart.generator("l2")}
 */
public record LossTerms(
    Operand<TFloat32> discriminator,
    Operand<TFloat32> generator,
    Map<LossPart, Operand<TFloat32>> parts) {

  public LossTerms {
    parts = Maps.ordered(parts);
  }

  /** The parts of one network's loss, in order. */
  public Map<LossPart, Operand<TFloat32>> partsOf(Network network) {
    Map<LossPart, Operand<TFloat32>> p = new LinkedHashMap<>();
    parts.forEach(
        (k, v) -> {
          if (k.network() == network) {
            p.put(k, v);
          }
        });
    return p;
  }
}
