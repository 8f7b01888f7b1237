/**
 * Image feature extractors, registered under {@code features:}: {@code savedmodel} (any TensorFlow
 * SavedModel and output, such as a Keras VGG16 export and {@code fc2}), {@code classifier} (the
 * in-project CNN, trained on the data set's classes) and {@code pixels} (downscaled pixels, the
 * baseline).
 */
package dev.t2i.curation.features;
