/**
 * Using a trained run: generate images from sentences, interpolate between two sentences
 * (GAN-INT), show the image after each word of a sequence model, and export the text-to-image path
 * as a TensorFlow SavedModel.
 */
package dev.t2i.training.generate;
