/**
 * Principal component analysis of feature matrices that do not fit in memory: the covariance is
 * accumulated chunk by chunk with TensorFlow matrix products, and its leading eigenvectors are
 * found by subspace iteration, so memory grows with the dimension squared, never with the rows.
 */
package dev.t2i.curation.pca;
