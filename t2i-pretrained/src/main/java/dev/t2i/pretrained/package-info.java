/**
 * The models that ship with t2i, as resources under {@code t2i/pretrained/}; their names are in
 * {@link dev.t2i.pretrained.PretrainedModelNames}. Open one with {@code
 * TextToImage.pretrained(name)}; {@code t2i models} lists them.
 */
package dev.t2i.pretrained;
