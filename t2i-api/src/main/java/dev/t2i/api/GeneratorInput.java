package dev.t2i.api;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What a generator is given for one batch. Absent parts are null.
 *
 * @param noise {@code [B, Z]} noise, or null for a generator that takes none
 * @param text {@code [B, D]} pooled text, or {@code [B, T, D]} word vectors, or null
 * @param mask {@code [B, T]}: 1 for a real token, 0 for padding; null for pooled text
 */
public record GeneratorInput(
    Operand<TFloat32> noise, Operand<TFloat32> text, Operand<TFloat32> mask) {}
