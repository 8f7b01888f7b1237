/**
 * The report's sentence model: a peephole ConvLSTM (Shi et al. 2015) over the images the generator
 * makes for each word of a caption, the last word going through the GNN branch; its {@link
 * dev.t2i.models.convlstm.Placement}s and {@code gnn: false} give the report's earlier runs and
 * checks.
 */
package dev.t2i.models.convlstm;
