package dev.t2i.training;

import dev.t2i.api.GeneratorInput;
import dev.t2i.api.InvariantViolation;
import dev.t2i.api.TextShape;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * What a generator reads, as placeholders: the one place they are built and fed, for training,
 * sample grids, generation and export. Each is null where the generator does not read it.
 *
 * @param text {@code [B, D]} pooled text or {@code [B, T, D]} word vectors, or null without text
 * @param mask {@code [B, T]} for word vectors, else null
 * @param noise {@code [B, Z]}, or null for a generator that draws no noise
 */
public record GeneratorPlaceholders(
    Placeholder<TFloat32> text, Placeholder<TFloat32> mask, Placeholder<TFloat32> noise) {

  /**
   * The placeholders for text of {@code shape} (null: none) and {@code noiseDimension} noise values
   * (0: none), named {@code prefix + "text"}, {@code "mask"} and {@code "noise"}.
   */
  public static GeneratorPlaceholders create(
      Ops tf, String prefix, TextShape shape, int noiseDimension) {
    return new GeneratorPlaceholders(
        shape == null ? null : text(tf, prefix + "text", shape),
        shape == null ? null : mask(tf, prefix + "mask", shape),
        noiseDimension > 0
            ? tf.withName(prefix + "noise")
                .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, noiseDimension)))
            : null);
  }

  /** A placeholder for a batch of text of {@code shape}. */
  static Placeholder<TFloat32> text(Ops tf, String name, TextShape shape) {
    Shape s =
        shape.sequence()
            ? Shape.of(-1, shape.steps(), shape.dimension())
            : Shape.of(-1, shape.dimension());
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(s));
  }

  /**
   * A placeholder for the masks of a batch of text of {@code shape}, or null for pooled text (no
   * mask).
   */
  static Placeholder<TFloat32> mask(Ops tf, String name, TextShape shape) {
    return shape.sequence()
        ? tf.withName(name)
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, shape.steps())))
        : null;
  }

  /** The generator's input. */
  public GeneratorInput input() {
    return new GeneratorInput(noise, text, mask);
  }

  /** Feeds {@code values} to the placeholders that exist. */
  public Session.Runner feed(Session.Runner runner, GeneratorTensors values) {
    return feed(runner, values.text(), values.mask(), values.noise());
  }

  /**
   * Feeds each tensor to its placeholder where the placeholder exists.
   *
   * @throws IllegalArgumentException if a placeholder that exists gets no tensor
   */
  public Session.Runner feed(
      Session.Runner runner, TFloat32 textValues, TFloat32 maskValues, TFloat32 noiseValues) {
    feedIfRead(runner, text, textValues, "the generator reads text but none was given");
    feedIfRead(runner, mask, maskValues, "the generator reads mask but none was given");
    feedIfRead(runner, noise, noiseValues, "the generator reads noise but none was given");
    return runner;
  }

  /**
   * Adds the placeholders that exist as inputs {@code text}, {@code mask} and {@code noise} of a
   * signature.
   */
  public Signature.Builder addTo(Signature.Builder signature) {
    if (text != null) {
      signature.input("text", text);
    }
    if (mask != null) {
      signature.input("mask", mask);
    }
    if (noise != null) {
      signature.input("noise", noise);
    }
    return signature;
  }

  /**
   * Feeds {@code value} to {@code placeholder} where the graph has it; a graph that reads an input
   * nobody gave is a bug, reported with {@code missing}.
   */
  static void feedIfRead(
      Session.Runner runner, Placeholder<TFloat32> placeholder, TFloat32 value, String missing) {
    if (placeholder == null) {
      return;
    }
    if (value == null) {
      throw new InvariantViolation(missing);
    }
    runner.feed(placeholder, value);
  }
}
