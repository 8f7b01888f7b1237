/**
 * Training: an experiment file is assembled into components, built into one TensorFlow graph with
 * an optimizer per network, and trained with k discriminator steps per generator step, progress,
 * samples, TensorBoard events and atomic, resumable checkpoints; optionally with a moving average
 * of the generator's weights for inference, mode-seeking regularisation ({@link
 * dev.t2i.training.ModeSeeking}) and bfloat16 products ({@link dev.t2i.training.PrecisionChoice}).
 * The loop ({@link dev.t2i.training.Trainer}) only runs steps and emits events; checkpoints,
 * samples and the divergence check are listeners. The generator's inputs are built and fed in one
 * place ({@link dev.t2i.training.GeneratorPlaceholders}).
 */
package dev.t2i.training;
