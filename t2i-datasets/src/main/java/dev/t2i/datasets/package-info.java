/**
 * The data set plugins: {@code synthetic-flowers} (the embedded default), {@code oxford102}, {@code
 * cub200} and {@code flickr30k}. Loaders read the original layouts from disk, and every malformed
 * item is either skipped and counted or fails the load, as {@code onError} says.
 */
package dev.t2i.datasets;
