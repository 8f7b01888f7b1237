/**
 * From examples to tensors: decode, crop, flip, scale to {@code [-1, 1]}, encode captions, and
 * write NHWC batches straight into TensorFlow tensors, on background threads.
 *
 * <p>Batch {@code b} is a pure function of (seed, b): its examples come from the permutation of its
 * epoch, its captions and crops from generators seeded by (seed, b, slot). A resumed run therefore
 * sees exactly the batches it would have seen, and memory stays proportional to the batch size and
 * the prefetch depth, never to the data set.
 *
 * <p>For matching-aware losses each example also gets a mismatched caption, the nearest of {@code
 * mismatchCandidates} in the encoder's space; training captions can lose words at random ({@code
 * wordDropout}). With {@link dev.t2i.datasets.pipeline.CaptionPooling#IMAGE_MEAN} an image's text
 * is the mean of all its captions' encodings instead of one caption.
 */
package dev.t2i.datasets.pipeline;
