/**
 * Data sets of images with captions.
 *
 * <p>A source reads an index: one {@link dev.t2i.api.data.Example} per image, with its captions,
 * class and split, and a reference to its pixels that is decoded only when a batch needs it. Memory
 * therefore grows with the number of captions, never with the number of pixels.
 */
package dev.t2i.api.data;
