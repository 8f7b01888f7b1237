/**
 * DCGAN (Radford et al. 2016) conditioned on text three ways: the text vector replaces the noise
 * (the report's mode), noise alone (unconditional), or noise with a learned projection of the text,
 * the text also entering the discriminator (Reed et al.'s GAN-CLS layout, the default).
 */
package dev.t2i.models.dcgan;
