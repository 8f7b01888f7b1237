package dev.t2i.api;

/** Whether a network is built for a training step or for inference. */
public enum Mode {
  /**
   * Training: batch normalisation uses the statistics of the batch and records updates of its
   * moving averages in the {@link Parameters}.
   */
  TRAIN,
  /** Inference: batch normalisation uses the moving averages; nothing is updated. */
  INFERENCE
}
