package dev.t2i.api;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.tensorflow.op.Ops;

/**
 * Builds the training objectives of the discriminator and the generator.
 *
 * <p>The trainer calls {@link #compute} twice per graph: once with logits from before the
 * discriminator's update (it takes {@link LossTerms#discriminator()}), and once with logits
 * recomputed after it (it takes {@link LossTerms#generator()}), which is the alternating update of
 * the report's algorithm. Ops that nobody fetches never run.
 */
public interface Loss {

  /** Settings of a loss; YAML selects the implementation with {@code type:}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  interface Settings {}

  /** What this loss reads, so that the trainer builds and feeds only that. */
  LossRequirements requirements();

  /** Builds the loss terms. */
  LossTerms compute(Ops tf, LossInputs inputs);
}
