/**
 * The contracts of t2i: what a text encoder, a generator, a discriminator and a loss are.
 *
 * <p>Training runs in TensorFlow graph mode. A graph component is a stateless builder: every call
 * takes the {@link org.tensorflow.op.Ops} to build on and the {@link dev.t2i.api.Parameters} that
 * hold its variables, so the same component can be applied several times with shared variables (the
 * discriminator to real and to generated images), or with separate ones (a generator and a GNN
 * branch that do not share weights). Each network owns the variables under its name prefix and
 * exposes them, so that each network gets its own optimizer.
 *
 * <p>Implementations are plugins ({@link dev.t2i.api.plugin}); this package knows none of them.
 * Each component interface has a nested {@code Settings} type: YAML names an implementation by the
 * {@code type:} id its plugin registered, and Jackson reads the rest into that plugin's settings
 * record.
 */
package dev.t2i.api;
