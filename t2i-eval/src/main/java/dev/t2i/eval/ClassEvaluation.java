package dev.t2i.eval;

import dev.t2i.api.Progress;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.Split;
import dev.t2i.training.generate.TextToImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * Evaluation on a data set with classes, such as Oxford-102: a class classifier trained on real
 * images (a seeded 85/15 split of the images of every class, so that its test accuracy is
 * measurable) reads the class of images generated from real captions (top-1, top-5), and its
 * features give the distribution figures against real test images, with real training images
 * against real test images as the floor.
 */
final class ClassEvaluation {
  private final DatasetIndex index;
  private final EvalSettings settings;
  private final Progress.Factory progress;

  ClassEvaluation(DatasetIndex index, EvalSettings settings, Progress.Factory progress) {
    this.index = index;
    this.settings = settings;
    this.progress = progress;
  }

  Map<String, Object> run(TextToImage model, TextToImage untrained) throws IOException, InterruptedException {
    int size = model.imageSize();
    List<Integer> classes = new ArrayList<>(new TreeSet<>(index.examples().stream().map(Example::classId).toList()));
    if (classes.isEmpty() || classes.get(0) < 0) {
      throw new IllegalArgumentException(index.name() + " has no classes: class-based evaluation needs them");
    }
    Map<Integer, Integer> label = new LinkedHashMap<>();
    classes.forEach(c -> label.put(c, label.size()));
    List<ToIntFunction<Example>> labels = List.of(e -> label.get(e.classId()));
    List<Example> fit = new ArrayList<>();
    List<Example> held = new ArrayList<>();
    for (Example e : index.examples()) {
      (new SplittableRandom(settings.seed() * 7919 + e.id().hashCode()).nextDouble() < 0.15 ? held : fit).add(e);
    }
    int steps = settings.classifierSteps() > 0 ? settings.classifierSteps() : 3000;
    String fingerprint = "classes-" + dev.t2i.api.Fingerprint.of(index.provenance() + "|" + size + "|" + steps + "|" + settings.seed());
    Map<String, Object> report = new LinkedHashMap<>();
    try (ImageClassifier c = ClassifierTraining.trainOrRestore(List.of(new ImageClassifier.Head("class", classes.size())), fit,
        labels, size, steps, true, settings.seed(), settings.cache(), fingerprint, progress)) {
      Map<String, Object> classifier = new LinkedHashMap<>();
      classifier.put("network", "4 strided convolutions + 256 features, softmax over " + classes.size() + " classes");
      classifier.put("trainedOn", fit.size() + " real images (85% of each class, seed " + settings.seed() + ")");
      classifier.put("steps", steps);
      classifier.put("resolution", size + "x" + size);
      classifier.put("top1AccuracyOnHeldOutRealImages", Distribution.round(ClassifierTraining.accuracy(c,
          new LabelledImages(held, labels, size))[0]));
      classifier.put("heldOutRealImages", held.size());
      report.put("classifier", classifier);

      List<Example> trainSplit = index.split(Split.TRAIN);
      List<Example> testSplit = index.split(Split.TEST);
      Map<String, Object> captionToClass = new LinkedHashMap<>();
      Generated fromTest = generate(c, model, testSplit, labels);
      captionToClass.put("testSplitCaptions", fromTest.accuracy());
      captionToClass.put("trainSplitCaptions", generate(c, model, trainSplit, labels).accuracy());
      captionToClass.put("untrainedGenerator (floor)", generate(c, untrained, testSplit, labels).accuracy());
      report.put("captionToClass", captionToClass);

      int n = Math.min(1000, Math.min(trainSplit.size(), testSplit.size()));
      float[][] realTest = c.run(new LabelledImages(testSplit.subList(0, n), labels, size).batches(128), n, 128).features();
      float[][] realTrain = c.run(new LabelledImages(trainSplit.subList(0, n), labels, size).batches(128), n, 128).features();
      Map<String, Object> distribution = new LinkedHashMap<>();
      String name = "t2i class classifier (256-d)";
      distribution.put("generatedVsRealTest", Distribution.compare(name, fromTest.features, realTest, 1000, settings.seed()));
      distribution.put("realTrainVsRealTest (floor)", Distribution.compare(name, realTrain, realTest, 1000, settings.seed()));
      report.put("distribution", distribution);
      Map<String, Object> diversity = new LinkedHashMap<>();
      double within = 0;
      int groups = 0;
      for (int i = 0; i + fromTest.k <= fromTest.features.length; i += fromTest.k) {
        within += FeatureMetrics.meanPairwiseDistance(java.util.Arrays.copyOfRange(fromTest.features, i, i + fromTest.k));
        groups++;
      }
      diversity.put("meanPairwiseFeatureDistanceWithinCaption", Distribution.round(within / Math.max(1, groups)));
      diversity.put("samplesPerCaption", fromTest.k);
      report.put("diversity", diversity);
      report.put("memorisation", SyntheticEvaluation.memorisation(fromTest.features, realTest, realTrain));
      Map<String, List<String>> samples = new LinkedHashMap<>();
      samples.put("testSplit", fromTest.captions.subList(0, Math.min(8, fromTest.captions.size())));
      report.put("samples", samples);
    }
    return report;
  }

  private record Generated(List<String> captions, int[] truth, float[][] probabilities, float[][] features, int k) {
    Map<String, Object> accuracy() {
      int top1 = 0;
      int top5 = 0;
      for (int i = 0; i < probabilities.length; i++) {
        int t = truth[i / k];
        float[] p = probabilities[i];
        int rank = 0;
        for (float v : p) {
          if (v > p[t]) {
            rank++;
          }
        }
        top1 += rank == 0 ? 1 : 0;
        top5 += rank < 5 ? 1 : 0;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("top1", Distribution.round(top1 / (double) probabilities.length));
      m.put("top5", Distribution.round(top5 / (double) probabilities.length));
      m.put("captions", captions.size());
      m.put("samplesPerCaption", k);
      return m;
    }
  }

  private Generated generate(ImageClassifier c, TextToImage model, List<Example> examples, List<ToIntFunction<Example>> labels) {
    int n = Math.min(settings.captions(), examples.size());
    int k = settings.samplesPerCaption();
    List<String> captions = new ArrayList<>();
    int[] truth = new int[n];
    List<String> repeated = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Spread the choice over the whole split, not its first images.
      Example e = examples.get((int) ((long) i * examples.size() / n));
      String caption = e.captions().get(new SplittableRandom(settings.seed() * 31 + i).nextInt(e.captions().size()));
      captions.add(caption);
      truth[i] = labels.get(0).applyAsInt(e);
      for (int j = 0; j < k; j++) {
        repeated.add(caption);
      }
    }
    int batch = 256;
    ImageClassifier.Predictions p = c.run(start -> model.generateBatch(repeated.subList(start, Math.min(repeated.size(), start + batch)),
        settings.seed() * 1_000_003L + start), repeated.size(), batch);
    return new Generated(captions, truth, p.probabilities()[0], p.features(), k);
  }
}
