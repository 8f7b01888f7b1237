/**
 * The Flickr30k loader: five captions per image, from the token file or the CSV, in the official or
 * Kaggle layout; {@code captionWords} selects images by what their captions name.
 */
package dev.t2i.datasets.flickr;
