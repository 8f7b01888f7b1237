/**
 * The word2vec encoder plugins: {@code word2vec-sum} pools a caption's word vectors into one (sum
 * or mean, {@code 1 × D}); {@code word2vec-sequence} keeps them in order ({@code T × D}, with a
 * mask of real tokens). Both read vectors from a file, or train word2vec on the data set's training
 * captions and cache the result in the run directory.
 */
package dev.t2i.encoders;
