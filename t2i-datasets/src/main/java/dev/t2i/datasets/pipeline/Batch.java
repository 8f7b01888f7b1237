package dev.t2i.datasets.pipeline;

import java.util.List;
import org.tensorflow.types.TFloat32;

/**
 * One batch, as tensors ready to feed. Close it after use: the tensors hold native memory.
 *
 * @param index the batch's number since the start of training
 * @param images {@code [B, H, W, 3]} in {@code [-1, 1]}
 * @param text {@code [B, D]} or {@code [B, T, D]}, or null
 * @param mask {@code [B, T]} for sequence text, or null
 * @param mismatchedText another image's caption per example, shaped like {@code text}, or null
 * @param mismatchedMask its mask, or null
 * @param randomImages real images drawn independently of the captions, or null
 * @param ids the examples' ids
 * @param captions the chosen caption of each example
 * @param skipped images that failed to decode and were replaced (policy {@code skip})
 */
public record Batch(
    long index,
    TFloat32 images,
    TFloat32 text,
    TFloat32 mask,
    TFloat32 mismatchedText,
    TFloat32 mismatchedMask,
    TFloat32 randomImages,
    List<String> ids,
    List<String> captions,
    List<String> skipped)
    implements AutoCloseable {

  @Override
  public void close() {
    for (TFloat32 t :
        new TFloat32[] {images, text, mask, mismatchedText, mismatchedMask, randomImages}) {
      if (t != null) {
        t.close();
      }
    }
  }
}
