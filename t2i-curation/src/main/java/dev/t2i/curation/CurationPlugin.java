package dev.t2i.curation;

import dev.t2i.api.plugin.ComponentRegistry;
import dev.t2i.api.plugin.Role;
import dev.t2i.api.plugin.T2iPlugin;
import dev.t2i.curation.features.ClassifierFeatures;
import dev.t2i.curation.features.ClassifierFeaturesSettings;
import dev.t2i.curation.features.PixelFeatures;
import dev.t2i.curation.features.PixelFeaturesSettings;
import dev.t2i.curation.features.SavedModelFeatures;
import dev.t2i.curation.features.SavedModelFeaturesSettings;

/** Registers the image feature extractors. */
public final class CurationPlugin implements T2iPlugin {

  @Override
  public String name() {
    return "t2i-curation";
  }

  @Override
  public void register(ComponentRegistry registry) {
    registry.register(
        Role.FEATURES,
        "savedmodel",
        SavedModelFeaturesSettings.class,
        SavedModelFeatures.class,
        "any TensorFlow SavedModel and output, such as a Keras VGG16 export and fc2");
    registry.register(
        Role.FEATURES,
        "classifier",
        ClassifierFeaturesSettings.class,
        ClassifierFeatures.class,
        "the in-project CNN's 256-d features, trained on the data set's classes");
    registry.register(
        Role.FEATURES,
        "pixels",
        PixelFeaturesSettings.class,
        PixelFeatures.class,
        "downscaled pixels: the baseline that needs no model");
  }
}
