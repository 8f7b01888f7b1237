/** Checkpoints committed atomically in a directory, the newest few kept. */
package dev.t2i.training.checkpoint;
