package dev.t2i.training;

import dev.t2i.api.TextShape;
import dev.t2i.datasets.pipeline.Batch;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The placeholders of one training step, fed from a {@link Batch} in one place. Optional ones are
 * null where the experiment does not use them.
 *
 * @param images {@code [B, H, W, 3]} real images
 * @param generator the generator's text, mask and noise
 * @param mismatchedText another example's caption per row, for a matching-aware loss, or null
 * @param mismatchedMask its mask for word vectors, or null
 * @param randomImages real images independent of the captions ({@code discriminatorReals: random}),
 *     or null
 */
public record TrainingInputs(
    Placeholder<TFloat32> images,
    GeneratorPlaceholders generator,
    Placeholder<TFloat32> mismatchedText,
    Placeholder<TFloat32> mismatchedMask,
    Placeholder<TFloat32> randomImages) {

  static TrainingInputs create(
      Ops tf,
      int imageSize,
      TextShape shape,
      int noiseDimension,
      boolean mismatched,
      boolean random) {
    return new TrainingInputs(
        image(tf, "images", imageSize),
        GeneratorPlaceholders.create(tf, "", shape, noiseDimension),
        mismatched ? GeneratorPlaceholders.text(tf, "mismatched_text", shape) : null,
        mismatched ? GeneratorPlaceholders.mask(tf, "mismatched_mask", shape) : null,
        random ? image(tf, "random_images", imageSize) : null);
  }

  private static Placeholder<TFloat32> image(Ops tf, String name, int size) {
    return tf.withName(name)
        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 3)));
  }

  /**
   * Feeds {@code batch} and the step's {@code noise} (null without noise) to the placeholders that
   * exist.
   */
  public Session.Runner feed(Session.Runner runner, Batch batch, TFloat32 noise) {
    runner.feed(images, batch.images());
    generator.feed(runner, batch.text(), batch.mask(), noise);
    GeneratorPlaceholders.feedIfRead(
        runner,
        mismatchedText,
        batch.mismatchedText(),
        "the training graph reads mismatched text but the batch has none");
    GeneratorPlaceholders.feedIfRead(
        runner,
        mismatchedMask,
        batch.mismatchedMask(),
        "the training graph reads mismatched masks but the batch has none");
    GeneratorPlaceholders.feedIfRead(
        runner,
        randomImages,
        batch.randomImages(),
        "the training graph reads random real images but the batch has none");
    return runner;
  }

  /**
   * The placeholders that exist, by name: {@code images}, {@code text}, {@code mask}, {@code
   * noise}, {@code mismatched_text}, {@code mismatched_mask}, {@code random_images}.
   */
  public Map<String, Placeholder<TFloat32>> byName() {
    Map<String, Placeholder<TFloat32>> m = new LinkedHashMap<>();
    m.put("images", images);
    putIfPresent(m, "text", generator.text());
    putIfPresent(m, "mask", generator.mask());
    putIfPresent(m, "noise", generator.noise());
    putIfPresent(m, "mismatched_text", mismatchedText);
    putIfPresent(m, "mismatched_mask", mismatchedMask);
    putIfPresent(m, "random_images", randomImages);
    return m;
  }

  private static void putIfPresent(
      Map<String, Placeholder<TFloat32>> m, String name, Placeholder<TFloat32> p) {
    if (p != null) {
      m.put(name, p);
    }
  }
}
