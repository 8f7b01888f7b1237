/**
 * Using a trained run or a shipped model, chosen by a {@link
 * dev.t2i.training.generate.ModelCriteria}: generate images from sentences, interpolate between two
 * sentences (GAN-INT), show the image after each word of a sequence model, export the text-to-image
 * path as a TensorFlow SavedModel, and package a run as a shipped model ({@link
 * dev.t2i.training.generate.ModelPackager}).
 */
package dev.t2i.training.generate;
