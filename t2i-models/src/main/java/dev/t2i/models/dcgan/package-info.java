/**
 * DCGAN (Radford et al. 2016) conditioned on text three ways: the text vector replaces the noise
 * (the report's mode), noise alone (unconditional), or noise with a learned projection of the text,
 * the text also entering the discriminator (Reed et al.'s GAN-CLS layout, the default). With word
 * sequences the projected generator can also attend over the caption's words before its last layer
 * (AttnGAN's word attention) and perturb its text features (StackGAN's conditioning augmentation).
 */
package dev.t2i.models.dcgan;
