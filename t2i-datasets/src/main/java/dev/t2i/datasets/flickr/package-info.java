/** The Flickr30k loader: five captions per image, from the token file or the CSV. */
package dev.t2i.datasets.flickr;
