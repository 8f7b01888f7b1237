/** The Oxford-102 Flowers loader, with Reed et al.'s captions. */
package dev.t2i.datasets.oxford;
