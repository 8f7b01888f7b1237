/**
 * Gaussian mixture clustering by expectation–maximisation, with full or diagonal covariances,
 * k-means++ initialisation, log-likelihood per iteration and BIC for choosing the number of
 * components. Work is split into fixed blocks of rows that are reduced in order, so a seeded fit
 * gives the same model on any number of cores.
 */
package dev.t2i.curation.mixture;
