/** The CUB-200-2011 birds loader, with images cropped to their boxes and Reed et al.'s captions. */
package dev.t2i.datasets.cub;
