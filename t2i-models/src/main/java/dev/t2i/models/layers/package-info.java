/**
 * Layer builders in the style of tensorflow-framework: stateless static functions that take the
 * {@link org.tensorflow.op.Ops} and the {@link dev.t2i.api.Parameters} on every call, so that
 * calling one twice with the same parameters shares its weights. {@link
 * dev.t2i.models.layers.Products} runs convolutions and matrix products in the parameters'
 * precision.
 */
package dev.t2i.models.layers;
