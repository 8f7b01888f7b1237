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
 * @param parts named scalars for logs and TensorBoard, such as {@code "g_l2"}
 */
public record LossTerms(
    Operand<TFloat32> discriminator,
    Operand<TFloat32> generator,
    Map<String, Operand<TFloat32>> parts) {

  public LossTerms {
    parts = Maps.ordered(parts);
  }

  /** A copy with one more named part. */
  public LossTerms withPart(String name, Operand<TFloat32> value) {
    Map<String, Operand<TFloat32>> p = new LinkedHashMap<>(parts);
    p.put(name, value);
    return new LossTerms(discriminator, generator, p);
  }
}
