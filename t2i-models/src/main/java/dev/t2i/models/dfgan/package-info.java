/**
 * DF-GAN (Tao et al., CVPR 2022), a one-stage text-to-image GAN without transposed convolutions: a
 * generator of up-sampling blocks whose 3×3 convolutions are preceded by deep text-image fusion
 * (stacked affine transforms whose per-channel scale and shift come from the sentence and the
 * noise), and a residual down-sampling discriminator whose one-way output reads the image features
 * beside the sentence. Train it with the {@code hinge} loss and its matching-aware gradient
 * penalty.
 */
package dev.t2i.models.dfgan;
