/**
 * What a run writes for people and tools: the run directory with its resolved configuration and
 * provenance (one entry per training segment), its lock, the metrics file, sample grids with their
 * captions, and TensorBoard event files.
 */
package dev.t2i.training.output;
