/**
 * The report's "generative neural network": the DCGAN generator trained with a Euclidean loss to
 * the caption's own image. Paired with a discriminator, its adversarial branch and its Euclidean
 * branch share weights or not, as configured.
 */
package dev.t2i.models.gnn;
