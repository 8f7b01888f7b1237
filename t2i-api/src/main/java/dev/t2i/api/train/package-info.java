/**
 * Training as seen from outside: the events a run emits, and how its checkpoints are stored.
 *
 * <p>Listeners receive {@link dev.t2i.api.train.TrainingEvent}s (a closed set). A {@link
 * dev.t2i.api.train.CheckpointStore} commits each checkpoint atomically, so a run killed at any
 * moment resumes from an intact one.
 */
package dev.t2i.api.train;
