/**
 * Subsets of another data set: chosen by class names or ids (the report's hand-picked person and
 * dog images), or by the clusters that {@code t2i cluster} assigned (the report trained on one
 * Gaussian-mixture cluster of Flickr30k).
 */
package dev.t2i.datasets.subset;
