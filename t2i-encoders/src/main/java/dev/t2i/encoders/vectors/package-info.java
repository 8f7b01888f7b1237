/**
 * Word vectors in memory and on disk: Google's binary word2vec format, word2vec text, and GloVe
 * text. Readers stream, can keep only a given vocabulary, and check every header claim against the
 * file before allocating for it.
 */
package dev.t2i.encoders.vectors;
