/**
 * Trained models that ship as class-path resources: their {@link
 * dev.t2i.training.pretrained.ModelCard}s and the {@link
 * dev.t2i.training.pretrained.PretrainedModels} catalogue that finds them and checks every file
 * before use. {@code dev.t2i.training.generate.ModelPackager} makes one from a run.
 */
package dev.t2i.training.pretrained;
