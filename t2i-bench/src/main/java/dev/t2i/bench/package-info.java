/**
 * Benchmark programs run by the scripts in {@code bench/}; each prints its figures as {@code key =
 * value} lines.
 */
package dev.t2i.bench;
