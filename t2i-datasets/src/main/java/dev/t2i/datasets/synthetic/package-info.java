/**
 * Synthetic flowers: the embedded default data set, made in seconds on any machine, offline, with
 * its ground truth known exactly (see {@code shared/docs/synthetic-flowers.md}).
 *
 * <p>Images are rendered on demand from (seed, split, index) by a small deterministic rasteriser:
 * every shape is a distance field evaluated with {@link java.lang.StrictMath}, which gives
 * anti-aliased edges in one evaluation per pixel and bit-identical pixels on every machine and JDK
 * (Java2D's anti-aliasing differs between JDK builds).
 */
package dev.t2i.datasets.synthetic;
