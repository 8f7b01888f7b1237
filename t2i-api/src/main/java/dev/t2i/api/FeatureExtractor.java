package dev.t2i.api;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Turns images into feature vectors, for data curation: the report clustered Flickr30k by a VGG16
 * fully-connected layer. An extractor may load a model (a SavedModel) or train one on the
 * configured data set before its first call; it holds native resources until closed.
 */
public interface FeatureExtractor extends AutoCloseable {

  /** Settings of an extractor; YAML selects the implementation with {@code type:}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  interface Settings {}

  /** Length of every feature vector. May load the model. */
  int dimension();

  /** How many images {@link #extract} takes at best at once. */
  default int batchSize() {
    return 64;
  }

  /**
   * The features of a batch of decoded images, one row each, in order.
   *
   * @throws IllegalArgumentException if an image cannot be used (the message says why)
   */
  float[][] extract(List<BufferedImage> images);

  /** What the features are, for reports and provenance: model, layer, preprocessing. */
  String describe();

  @Override
  void close();
}
