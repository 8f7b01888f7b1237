/**
 * Offline evaluation: does an image match its sentence? Inception weights cannot be downloaded
 * here, so t2i trains its own seeded evaluators: an attribute classifier for synthetic flowers and
 * a class classifier for Oxford-102, whose penultimate features also give Fréchet distance, KID and
 * precision/recall. Figures are named after the features they use ("FD on t2i-attr features"),
 * never "FID". Which evaluation applies is a plugin role ({@link dev.t2i.eval.Evaluation}), chosen
 * from the data set's labels.
 */
package dev.t2i.eval;
