package dev.t2i.eval;

import dev.t2i.api.Progress;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.Split;
import dev.t2i.training.generate.TextToImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * Evaluation on a data set with classes, such as Oxford-102. A class classifier trained on real
 * images (a seeded 85/15 split of the images of every class; its top-1 and top-5 on the held 15%
 * are the ceiling) reads the class of images generated from real captions, for two groups:
 *
 * <ul>
 *   <li>{@code heldOutImagesOfTrainingClasses}: captions of the validation split, flowers the model
 *       was trained on, from images it never saw;
 *   <li>{@code unseenClasses}: captions of the test split, flowers it never saw at all.
 * </ul>
 *
 * <p>For each group, the classifier's features give the Fréchet distance and KID of one sample per
 * caption against real images of the same group (so of the same classes), with two disjoint sets of
 * those real images as the floor, all sets of equal size; a diversity ratio (mean feature distance
 * between a caption's samples over that between as many real images of its class); and the distance
 * to the nearest training image (memorisation).
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

  Map<String, Object> run(TextToImage model, TextToImage untrained)
      throws IOException, InterruptedException {
    int size = model.imageSize();
    List<Integer> classes =
        new ArrayList<>(new TreeSet<>(index.examples().stream().map(Example::classId).toList()));
    if (classes.isEmpty() || classes.get(0) < 0) {
      throw new IllegalArgumentException(
          index.name() + " has no classes: class-based evaluation needs them");
    }
    Map<Integer, Integer> label = new LinkedHashMap<>();
    classes.forEach(c -> label.put(c, label.size()));
    List<ToIntFunction<Example>> labels = List.of(e -> label.get(e.classId()));
    List<Example> fit = new ArrayList<>();
    List<Example> held = new ArrayList<>();
    for (Example e : index.examples()) {
      (new SplittableRandom(settings.seed() * 7919 + e.id().hashCode()).nextDouble() < 0.15
              ? held
              : fit)
          .add(e);
    }
    int steps = settings.classifierSteps() > 0 ? settings.classifierSteps() : 3000;
    String fingerprint =
        "classes-"
            + dev.t2i.api.Fingerprint.of(
                index.provenance() + "|" + size + "|" + steps + "|" + settings.seed());
    Map<String, Object> report = new LinkedHashMap<>();
    try (ImageClassifier c =
        ClassifierTraining.trainOrRestore(
            List.of(new ImageClassifier.Head("class", classes.size())),
            fit,
            labels,
            size,
            steps,
            true,
            settings.seed(),
            settings.cache(),
            fingerprint,
            progress)) {
      Map<String, Object> classifier = new LinkedHashMap<>();
      classifier.put(
          "network",
          "4 strided convolutions + 256 features, softmax over " + classes.size() + " classes");
      classifier.put(
          "trainedOn",
          fit.size() + " real images (85% of each class, seed " + settings.seed() + ")");
      classifier.put("steps", steps);
      classifier.put("resolution", size + "x" + size);
      ImageClassifier.Predictions heldPredictions =
          c.run(new LabelledImages(held, labels, size).batches(128), held.size(), 128);
      int[] heldTruth = held.stream().mapToInt(e -> label.get(e.classId())).toArray();
      Map<String, Object> ceiling = topK(heldPredictions.probabilities()[0], heldTruth, 1);
      classifier.put("top1OnHeldOutRealImages (ceiling)", ceiling.get("top1"));
      classifier.put("top5OnHeldOutRealImages (ceiling)", ceiling.get("top5"));
      classifier.put("heldOutRealImages", held.size());
      report.put("classifier", classifier);

      float[][] training = features(c, index.split(Split.TRAIN), labels, size, 1000);
      Map<String, Object> groups = new LinkedHashMap<>();
      List<Example> validation = index.split(Split.VALIDATION);
      if (!validation.isEmpty()) {
        groups.put(
            "heldOutImagesOfTrainingClasses",
            group(c, model, untrained, validation, labels, training, "validation"));
      }
      groups.put(
          "unseenClasses",
          group(c, model, untrained, index.split(Split.TEST), labels, training, "test"));
      report.put("groups", groups);
      Map<String, Object> samples = new LinkedHashMap<>();
      groups.forEach((k, v) -> samples.put(k, ((Map<?, ?>) v).get("sampleCaptions")));
      report.put("samples", samples);
    }
    return report;
  }

  /**
   * The figures of captions of {@code examples}' images against real images of {@code examples}.
   */
  private Map<String, Object> group(
      ImageClassifier c,
      TextToImage model,
      TextToImage untrained,
      List<Example> examples,
      List<ToIntFunction<Example>> labels,
      float[][] training,
      String split) {
    int size = model.imageSize();
    // Two disjoint halves of the group's real images: captions come from the first, the second is
    // the reference, and the first's own images against the second are the floor.
    List<Example> first = new ArrayList<>();
    List<Example> second = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      (i % 2 == 0 ? first : second).add(examples.get(i));
    }
    int n = Math.min(settings.captions(), Math.min(first.size(), second.size()));
    List<Example> captioned = spread(first, n);
    List<Example> reference = spread(second, n);
    Generated g = generate(c, model, captioned, labels);
    Generated floor = generate(c, untrained, captioned, labels);
    float[][] realFirst = features(c, captioned, labels, size, n);
    float[][] realSecond = features(c, reference, labels, size, n);
    float[][] onePerCaption = new float[n][];
    for (int i = 0; i < n; i++) {
      onePerCaption[i] = g.features[i * g.k];
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("split", split);
    out.put("classes", new TreeSet<>(examples.stream().map(Example::classId).toList()).size());
    out.put("captions", n);
    out.put("samplesPerCaption", g.k);
    out.put("captionToClass", topK(g.probabilities, g.truth, g.k));
    out.put(
        "captionToClass, untrained generator (floor)",
        topK(floor.probabilities, floor.truth, floor.k));
    String name = "t2i class classifier (256-d)";
    Map<String, Object> generatedVsReal =
        Distribution.compare(name, onePerCaption, realSecond, n, settings.seed());
    Map<String, Object> realVsReal =
        Distribution.compare(name, realFirst, realSecond, n, settings.seed());
    out.put("generatedVsReal", generatedVsReal);
    out.put("realVsReal (floor)", realVsReal);
    out.put(
        "frechetRatio",
        Distribution.round(
            (double) generatedVsReal.get("frechetDistance")
                / (double) realVsReal.get("frechetDistance")));
    out.put("diversity", diversity(c, g, examples, labels, size));
    out.put("memorisation", SyntheticEvaluation.memorisation(onePerCaption, realSecond, training));
    out.put("sampleCaptions", g.captions.subList(0, Math.min(8, g.captions.size())));
    return out;
  }

  /**
   * Mean feature distance between a caption's samples, over the mean distance between as many real
   * images of its class (drawn from {@code pool}): 1 when samples differ as much as real flowers of
   * the caption's kind.
   */
  private Map<String, Object> diversity(
      ImageClassifier c,
      Generated g,
      List<Example> pool,
      List<ToIntFunction<Example>> labels,
      int size) {
    Map<Integer, List<Example>> byClass = new LinkedHashMap<>();
    pool.forEach(e -> byClass.computeIfAbsent(e.classId(), k -> new ArrayList<>()).add(e));
    int captions = Math.min(200, g.captions.size());
    List<Example> reals = new ArrayList<>();
    List<Integer> usable = new ArrayList<>();
    for (int i = 0; i < captions; i++) {
      List<Example> same = byClass.get(g.classIds[i]);
      if (same.size() < g.k) {
        continue;
      }
      SplittableRandom r = new SplittableRandom(settings.seed() * 17 + i);
      List<Example> shuffled = new ArrayList<>(same);
      for (int j = shuffled.size() - 1; j > 0; j--) {
        java.util.Collections.swap(shuffled, j, r.nextInt(j + 1));
      }
      reals.addAll(shuffled.subList(0, g.k));
      usable.add(i);
    }
    float[][] realFeatures = features(c, reals, labels, size, reals.size());
    double generated = 0;
    double real = 0;
    for (int u = 0; u < usable.size(); u++) {
      int i = usable.get(u);
      generated +=
          FeatureMetrics.meanPairwiseDistance(
              Arrays.copyOfRange(g.features, i * g.k, (i + 1) * g.k));
      real +=
          FeatureMetrics.meanPairwiseDistance(
              Arrays.copyOfRange(realFeatures, u * g.k, (u + 1) * g.k));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("withinCaption", Distribution.round(generated / Math.max(1, usable.size())));
    out.put("realImagesOfTheClass", Distribution.round(real / Math.max(1, usable.size())));
    out.put("ratio", Distribution.round(real == 0 ? 0 : generated / real));
    out.put("captions", usable.size());
    return out;
  }

  private static List<Example> spread(List<Example> examples, int n) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(examples.get((int) ((long) i * examples.size() / n)));
    }
    return out;
  }

  private static float[][] features(
      ImageClassifier c,
      List<Example> examples,
      List<ToIntFunction<Example>> labels,
      int size,
      int limit) {
    List<Example> chosen = examples.size() <= limit ? examples : spread(examples, limit);
    return c.run(new LabelledImages(chosen, labels, size).batches(128), chosen.size(), 128)
        .features();
  }

  /** Top-1 and top-5 of {@code probabilities}, row {@code i} of true class {@code truth[i / k]}. */
  private static Map<String, Object> topK(float[][] probabilities, int[] truth, int k) {
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
    return m;
  }

  private record Generated(
      List<String> captions,
      int[] truth,
      int[] classIds,
      float[][] probabilities,
      float[][] features,
      int k) {}

  /**
   * {@code samplesPerCaption} images for one caption of each example, drawn with the evaluator's
   * seed.
   */
  private Generated generate(
      ImageClassifier c,
      TextToImage model,
      List<Example> examples,
      List<ToIntFunction<Example>> labels) {
    int n = examples.size();
    int k = settings.samplesPerCaption();
    List<String> captions = new ArrayList<>();
    int[] truth = new int[n];
    int[] classIds = new int[n];
    List<String> repeated = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Example e = examples.get(i);
      String caption =
          e.captions()
              .get(new SplittableRandom(settings.seed() * 31 + i).nextInt(e.captions().size()));
      captions.add(caption);
      truth[i] = labels.get(0).applyAsInt(e);
      classIds[i] = e.classId();
      for (int j = 0; j < k; j++) {
        repeated.add(caption);
      }
    }
    int batch = 256;
    ImageClassifier.Predictions p =
        c.run(
            start ->
                model.generateBatch(
                    repeated.subList(start, Math.min(repeated.size(), start + batch)),
                    settings.seed() * 1_000_003L + start),
            repeated.size(),
            batch);
    return new Generated(captions, truth, classIds, p.probabilities()[0], p.features(), k);
  }
}
