/**
 * Feature matrices too large for memory: read in chunks of rows, from a file ({@link
 * dev.t2i.curation.matrix.FeatureFile}) or from a seeded generator ({@link
 * dev.t2i.curation.matrix.SyntheticMixtureRows}, for benchmarks).
 */
package dev.t2i.curation.matrix;
