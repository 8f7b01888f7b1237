/**
 * The CUB-200-2011 birds loader: classes from {@code image_class_labels.txt}, images cropped to
 * their boxes when asked, and Reed et al.'s captions.
 */
package dev.t2i.datasets.cub;
