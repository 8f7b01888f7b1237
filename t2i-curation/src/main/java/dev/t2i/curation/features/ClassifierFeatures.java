package dev.t2i.curation.features;

import dev.t2i.api.FeatureExtractor;
import dev.t2i.api.Fingerprint;
import dev.t2i.api.Progress;
import dev.t2i.api.RunContext;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.api.plugin.ComponentFactory;
import dev.t2i.datasets.pipeline.Images;
import dev.t2i.eval.ClassifierTraining;
import dev.t2i.eval.ImageClassifier;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code classifier}: the 256-d feature layer of the in-project CNN ({@link ImageClassifier}),
 * trained on the class labels of {@code trainOn} (by default the clustered data set) on first use,
 * and kept under a fingerprint of its data and settings, so a second run restores it.
 */
public final class ClassifierFeatures implements FeatureExtractor {
  private final ClassifierFeaturesSettings settings;
  private final RunContext context;
  private final Provider<DatasetIndex> clustered;
  private final ComponentFactory factory;
  private final Progress.Factory progress;
  private ImageClassifier classifier;
  private String description;

  @Inject
  public ClassifierFeatures(
      ClassifierFeaturesSettings settings,
      RunContext context,
      Provider<DatasetIndex> clustered,
      ComponentFactory factory,
      Progress.Factory progress) {
    this.settings = settings;
    this.context = context;
    this.clustered = clustered;
    this.factory = factory;
    this.progress = progress;
  }

  private synchronized ImageClassifier classifier() {
    if (classifier != null) {
      return classifier;
    }
    try {
      DatasetIndex index =
          settings.trainOn() == null
              ? clustered.get()
              : factory.create(ImageCaptionSource.class, settings.trainOn()).load();
      TreeSet<Integer> classes = new TreeSet<>();
      index.examples().forEach(e -> classes.add(e.classId()));
      if (classes.isEmpty() || classes.first() < 0) {
        throw new IllegalArgumentException(
            "features: classifier learns class labels, and "
                + index.name()
                + " has none; use features: {type: pixels} or {type: savedmodel, ...}");
      }
      if (classes.size() < 2) {
        throw new IllegalArgumentException(
            "features: classifier needs at least 2 classes to learn from; "
                + index.name()
                + " has "
                + classes);
      }
      Map<Integer, Integer> label = new TreeMap<>();
      classes.forEach(c -> label.put(c, label.size()));
      List<Example> train = index.examples();
      Path cache =
          settings.cache() != null
              ? settings.cache()
              : context.runDirectory().resolve(".extractors");
      String fingerprint =
          "classifier-"
              + Fingerprint.of(
                  index.provenance()
                      + "|"
                      + classes
                      + "|"
                      + settings.size()
                      + "|"
                      + settings.steps()
                      + "|"
                      + context.seed());
      classifier =
          ClassifierTraining.trainOrRestore(
              List.of(new ImageClassifier.Head("class", classes.size())),
              train,
              List.of(e -> label.get(e.classId())),
              settings.size(),
              settings.steps(),
              true,
              context.seed(),
              cache,
              fingerprint,
              progress);
      description =
          "t2i classifier 256-d features ("
              + settings.steps()
              + " steps on "
              + train.size()
              + " images of "
              + classes.size()
              + " "
              + index.name()
              + " classes, "
              + settings.size()
              + "x"
              + settings.size()
              + ", cache "
              + cache.resolve(fingerprint)
              + ")";
      return classifier;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training the feature extractor", e);
    }
  }

  @Override
  public int dimension() {
    return ImageClassifier.FEATURES;
  }

  @Override
  public float[][] extract(List<BufferedImage> images) {
    ImageClassifier c = classifier();
    int size = settings.size();
    int floats = size * size * 3;
    float[] batch = new float[images.size() * floats];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(Images.pixels(images.get(i), size), 0, batch, i * floats, floats);
    }
    return c.run(start -> batch, images.size(), images.size()).features();
  }

  @Override
  public synchronized String describe() {
    classifier();
    return description;
  }

  @Override
  public synchronized void close() {
    if (classifier != null) {
      classifier.close();
      classifier = null;
    }
  }
}
