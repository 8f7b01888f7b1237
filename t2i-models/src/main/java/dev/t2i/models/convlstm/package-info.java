/**
 * The report's sentence model: a peephole ConvLSTM (Shi et al. 2015) over the images the generator
 * makes for each word of a caption, the last word going through the GNN branch.
 */
package dev.t2i.models.convlstm;
