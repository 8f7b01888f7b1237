/**
 * The model plugins: the DCGAN generator and discriminator, the GNN (a generator trained with a
 * Euclidean loss, sharing weights with the adversarial generator or not), the ConvLSTM sentence
 * model, and the losses (adversarial, Euclidean, weighted sums).
 */
package dev.t2i.models;
