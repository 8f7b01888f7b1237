/**
 * Training word2vec: skip-gram and CBOW with negative sampling, frequent-word subsampling, a
 * linearly decaying learning rate, several threads. With one thread and a seed, training is
 * bit-reproducible.
 */
package dev.t2i.encoders.word2vec;
