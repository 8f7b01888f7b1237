package dev.t2i.eval;

import dev.t2i.api.Progress;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.Split;
import dev.t2i.api.text.Tokenizer;
import dev.t2i.datasets.synthetic.FlowerPalette;
import dev.t2i.datasets.synthetic.SyntheticFlowers;
import dev.t2i.datasets.synthetic.SyntheticFlowersSource;
import dev.t2i.training.generate.TextToImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * Evaluation on synthetic flowers, whose ground truth is known: an attribute classifier trained on
 * real images reads petal colour, centre colour, count, shape and size from generated ones, and
 * each attribute a caption mentions is scored, over all test captions and over the held-out colour
 * pairs alone. Real test images give the ceiling, an untrained generator the floor.
 */
final class SyntheticEvaluation {
  static final List<String> ATTRIBUTES =
      List.of("petal_color", "center_color", "petal_count", "petal_shape", "size");

  private final DatasetIndex index;
  private final EvalSettings settings;
  private final Progress.Factory progress;

  SyntheticEvaluation(DatasetIndex index, EvalSettings settings, Progress.Factory progress) {
    this.index = index;
    this.settings = settings;
    this.progress = progress;
  }

  static List<ImageClassifier.Head> heads() {
    return List.of(
        new ImageClassifier.Head("petal_color", FlowerPalette.PETAL_COLOURS.size()),
        new ImageClassifier.Head("center_color", FlowerPalette.CENTRE_COLOURS.size()),
        new ImageClassifier.Head("petal_count", FlowerPalette.PETAL_COUNTS.size()),
        new ImageClassifier.Head("petal_shape", FlowerPalette.Shape.values().length),
        new ImageClassifier.Head("size", 2));
  }

  static List<ToIntFunction<Example>> labels() {
    return List.of(
        e ->
            indexOf(
                FlowerPalette.PETAL_COLOURS.stream().map(FlowerPalette.Colour::name).toList(),
                e.attributes().get("petal_color")),
        e ->
            indexOf(
                FlowerPalette.CENTRE_COLOURS.stream().map(FlowerPalette.Colour::name).toList(),
                e.attributes().get("center_color")),
        e ->
            FlowerPalette.PETAL_COUNTS.indexOf(Integer.parseInt(e.attributes().get("petal_count"))),
        e ->
            FlowerPalette.Shape.valueOf(
                    e.attributes().get("petal_shape").toUpperCase(java.util.Locale.ROOT))
                .ordinal(),
        e -> e.attributes().get("size").equals("large") ? 1 : 0);
  }

  /** The names of each attribute's values, in the order of {@link #labels()}. */
  static List<List<String>> valueNames() {
    return List.of(
        FlowerPalette.PETAL_COLOURS.stream().map(FlowerPalette.Colour::name).toList(),
        FlowerPalette.CENTRE_COLOURS.stream().map(FlowerPalette.Colour::name).toList(),
        FlowerPalette.PETAL_COUNTS.stream().map(String::valueOf).toList(),
        java.util.Arrays.stream(FlowerPalette.Shape.values()).map(FlowerPalette.Shape::id).toList(),
        List.of("small", "large"));
  }

  private static int indexOf(List<String> names, String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("unknown attribute value '" + name + "'");
    }
    return i;
  }

  /** Whether {@code caption} mentions attribute {@code a} of {@code e}. */
  static boolean mentions(String caption, Example e, String a) {
    List<String> tokens = Tokenizer.tokenize(caption);
    return switch (a) {
      case "petal_color" -> tokens.contains(e.attributes().get("petal_color"));
      case "center_color" -> tokens.contains(e.attributes().get("center_color"));
      case "petal_count" ->
          tokens.contains(
              FlowerPalette.countWord(Integer.parseInt(e.attributes().get("petal_count"))));
      case "petal_shape" ->
          java.util.Arrays.stream(FlowerPalette.Shape.values())
              .anyMatch(s -> s.words().stream().anyMatch(tokens::contains));
      case "size" -> tokens.contains("small") || tokens.contains("large");
      default -> false;
    };
  }

  static boolean heldOut(Example e) {
    return FlowerPalette.isHeldOut(
        e.attributes().get("petal_color"), e.attributes().get("center_color"));
  }

  Map<String, Object> run(TextToImage model, TextToImage untrained)
      throws IOException, InterruptedException {
    int size = model.imageSize();
    List<Example> train = index.split(Split.TRAIN);
    // The evaluated split: validation to compare configurations, test to report once.
    List<Example> test = index.split(settings.splitOf(index));
    int steps = settings.classifierSteps() > 0 ? settings.classifierSteps() : 1500;
    String fingerprint =
        "attributes-"
            + dev.t2i.api.Fingerprint.of(
                index.provenance() + "|" + size + "|" + steps + "|" + settings.seed());
    Map<String, Object> report = new LinkedHashMap<>();
    try (ImageClassifier c =
        ClassifierTraining.trainOrRestore(
            heads(),
            train,
            labels(),
            size,
            steps,
            false,
            settings.seed(),
            settings.cache(),
            fingerprint,
            progress)) {
      LabelledImages realTest = new LabelledImages(test, labels(), size);
      ImageClassifier.Predictions real = c.run(realTest.batches(128), realTest.size(), 128);
      Map<String, Object> classifier = new LinkedHashMap<>();
      classifier.put(
          "network", "4 strided convolutions + 256 features, one softmax head per attribute");
      classifier.put("trainedOn", train.size() + " real training images");
      classifier.put("steps", steps);
      classifier.put("seed", settings.seed());
      classifier.put("resolution", size + "x" + size);
      Map<String, Object> ceiling = new LinkedHashMap<>();
      for (int h = 0; h < ATTRIBUTES.size(); h++) {
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
          if (real.predicted()[h][i] == realTest.labels(i)[h]) {
            correct++;
          }
        }
        ceiling.put(ATTRIBUTES.get(h), Distribution.round(correct / (double) test.size()));
      }
      classifier.put("accuracyOnRealTestImages", ceiling);
      classifier.put("realTestImages", test.size());
      report.put("classifier", classifier);

      Captions chosen = choose(test);
      Scored trained = score(c, model, chosen);
      Scored floor = score(c, untrained, chosen);
      report.put("generated", trained.summary(chosen));
      report.put("untrainedGenerator", floor.summary(chosen));

      float[][] trainFeatures =
          c.run(
                  new LabelledImages(
                          train.subList(0, Math.min(train.size(), test.size())), labels(), size)
                      .batches(128),
                  Math.min(train.size(), test.size()),
                  128)
              .features();
      Map<String, Object> distribution = new LinkedHashMap<>();
      distribution.put(
          "generatedVsRealTest",
          Distribution.compare(
              "t2i attribute classifier (256-d)",
              trained.features,
              real.features(),
              2000,
              settings.seed()));
      distribution.put(
          "realTrainVsRealTest (floor)",
          Distribution.compare(
              "t2i attribute classifier (256-d)",
              trainFeatures,
              real.features(),
              2000,
              settings.seed()));
      report.put("distribution", distribution);
      report.put("diversity", diversity(trained, real.features(), test));
      Map<String, Object> noise = noise(trained, real, chosen, test);
      // The same figures for an untrained generator: random images vary too, so the ratios speak
      // of the noise only beside accuracies that show the samples follow their captions.
      Map<String, Object> noiseFloor = noise(floor, real, chosen, test);
      Map<String, Object> untrainedNoise = new LinkedHashMap<>();
      untrainedNoise.put("diversityRatio", noiseFloor.get("diversityRatio"));
      untrainedNoise.put("entropyRatio", noiseFloor.get("entropyRatio"));
      noise.put("untrainedGenerator", untrainedNoise);
      report.put("noise", noise);
      report.put("memorisation", memorisation(trained.features, real.features(), trainFeatures));
      report.put("samples", chosen.preview(model, 8));
    }
    return report;
  }

  /**
   * The captions evaluated, one per image of the split, with the sentence form of each (-1:
   * unknown).
   */
  record Captions(
      List<Example> examples,
      List<String> captions,
      List<Integer> forms,
      int k,
      long seed,
      int size) {
    boolean heldOutForm(int i) {
      return forms.get(i) >= 0 && SyntheticFlowers.isHeldOutForm(forms.get(i));
    }

    List<String> repeated() {
      List<String> out = new ArrayList<>();
      for (String c : captions) {
        for (int j = 0; j < k; j++) {
          out.add(c);
        }
      }
      return out;
    }

    /** A few held-out and seen captions for the report's grids. */
    Map<String, List<String>> preview(TextToImage model, int n) {
      Map<String, List<String>> out = new LinkedHashMap<>();
      List<String> held = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < examples.size(); i++) {
        (heldOut(examples.get(i)) ? held : seen).add(captions.get(i));
      }
      out.put("heldOut", held.subList(0, Math.min(n, held.size())));
      out.put("seen", seen.subList(0, Math.min(n, seen.size())));
      return out;
    }
  }

  private Captions choose(List<Example> test) {
    List<Example> examples = test.subList(0, Math.min(settings.captions(), test.size()));
    List<String> captions = new ArrayList<>();
    List<Integer> forms = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      List<String> cs = examples.get(i).captions();
      int c = new SplittableRandom(settings.seed() * 31 + i).nextInt(cs.size());
      captions.add(cs.get(c));
      String written = examples.get(i).attributes().get(SyntheticFlowersSource.CAPTION_FORMS);
      forms.add(written == null ? -1 : Integer.parseInt(written.split(",")[c]));
    }
    return new Captions(
        examples, captions, forms, settings.samplesPerCaption(), settings.seed(), 0);
  }

  /** Predictions and features of the generated images, k per caption. */
  static final class Scored {
    int[][] predicted;
    float[][] features;
    int k;

    Map<String, Object> summary(Captions chosen) {
      Map<String, Object> all = new LinkedHashMap<>();
      Map<String, Object> held = new LinkedHashMap<>();
      Map<String, Object> heldForms = new LinkedHashMap<>();
      Map<String, Object> confusion = new LinkedHashMap<>();
      List<ToIntFunction<Example>> labels = labels();
      List<List<String>> names = valueNames();
      for (int h = 0; h < ATTRIBUTES.size(); h++) {
        String a = ATTRIBUTES.get(h);
        int[] n = new int[3];
        int[] correct = new int[3];
        int values = names.get(h).size();
        int[][] read = new int[values][values];
        for (int i = 0; i < chosen.captions().size(); i++) {
          Example e = chosen.examples().get(i);
          if (!mentions(chosen.captions().get(i), e, a)) {
            continue;
          }
          int truth = labels.get(h).applyAsInt(e);
          for (int j = 0; j < k; j++) {
            boolean ok = predicted[h][i * k + j] == truth;
            read[truth][predicted[h][i * k + j]]++;
            n[0]++;
            correct[0] += ok ? 1 : 0;
            if (heldOut(e)) {
              n[1]++;
              correct[1] += ok ? 1 : 0;
            }
            if (chosen.heldOutForm(i)) {
              n[2]++;
              correct[2] += ok ? 1 : 0;
            }
          }
        }
        all.put(a, entry(correct[0], n[0]));
        held.put(a, entry(correct[1], n[1]));
        heldForms.put(a, entry(correct[2], n[2]));
        confusion.put(a, confusion(names.get(h), read));
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("captions", chosen.captions().size());
      out.put("samplesPerCaption", k);
      out.put("seed", chosen.seed());
      out.put("accuracyForMentionedAttributes", all);
      out.put("heldOutPairs", held);
      out.put("heldOutForms", heldForms);
      out.put("byColourPair", byColourPair(chosen));
      out.put("confusion (named value: what the classifier read)", confusion);
      return out;
    }

    /** For each named value, how often the classifier read each value, zero counts left out. */
    private static Map<String, Object> confusion(List<String> names, int[][] read) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (int t = 0; t < names.size(); t++) {
        Map<String, Integer> row = new LinkedHashMap<>();
        for (int p = 0; p < names.size(); p++) {
          if (read[t][p] > 0) {
            row.put(names.get(p), read[t][p]);
          }
        }
        if (!row.isEmpty()) {
          out.put(names.get(t), row);
        }
      }
      return out;
    }

    /**
     * Petal and centre colour accuracy for each (petal, centre) pair of the chosen captions,
     * held-out pairs marked.
     */
    private Map<String, Object> byColourPair(Captions chosen) {
      List<ToIntFunction<Example>> labels = labels();
      Map<String, int[]> counts = new java.util.TreeMap<>();
      for (int i = 0; i < chosen.captions().size(); i++) {
        Example e = chosen.examples().get(i);
        String pair = e.attributes().get("petal_color") + "/" + e.attributes().get("center_color");
        int[] c = counts.computeIfAbsent(pair, x -> new int[4]);
        for (int h = 0; h < 2; h++) { // ATTRIBUTES 0 and 1: petal and centre colour
          if (!mentions(chosen.captions().get(i), e, ATTRIBUTES.get(h))) {
            continue;
          }
          int truth = labels.get(h).applyAsInt(e);
          for (int j = 0; j < k; j++) {
            c[2 * h]++;
            c[2 * h + 1] += predicted[h][i * k + j] == truth ? 1 : 0;
          }
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      counts.forEach(
          (pair, c) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            String[] colours = pair.split("/");
            m.put("heldOut", FlowerPalette.isHeldOut(colours[0], colours[1]));
            m.put(ATTRIBUTES.get(0), entry(c[1], c[0]));
            m.put(ATTRIBUTES.get(1), entry(c[3], c[2]));
            out.put(pair, m);
          });
      return out;
    }

    private static Map<String, Object> entry(int correct, int n) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("accuracy", n == 0 ? null : Distribution.round(correct / (double) n));
      m.put("samples", n);
      return m;
    }
  }

  private Scored score(ImageClassifier c, TextToImage model, Captions chosen) {
    List<String> all = chosen.repeated();
    int batch = 256;
    Scored s = new Scored();
    s.k = chosen.k();
    ImageClassifier.Predictions p =
        c.run(
            start ->
                model.generateBatch(
                    all.subList(start, Math.min(all.size(), start + batch)),
                    settings.seed() * 1_000_003L + start),
            all.size(),
            batch);
    s.predicted = p.predicted();
    s.features = p.features();
    return s;
  }

  private Map<String, Object> diversity(Scored s, float[][] realFeatures, List<Example> test) {
    double generated = 0;
    int groups = 0;
    for (int i = 0; i + s.k <= s.features.length; i += s.k) {
      generated +=
          FeatureMetrics.meanPairwiseDistance(java.util.Arrays.copyOfRange(s.features, i, i + s.k));
      groups++;
    }
    Map<String, List<float[]>> byPair = new LinkedHashMap<>();
    for (int i = 0; i < test.size(); i++) {
      Map<String, String> a = test.get(i).attributes();
      byPair
          .computeIfAbsent(
              a.get("petal_color") + "/" + a.get("center_color"), x -> new ArrayList<>())
          .add(realFeatures[i]);
    }
    double real = 0;
    int realGroups = 0;
    for (List<float[]> g : byPair.values()) {
      if (g.size() >= 2) {
        real +=
            FeatureMetrics.meanPairwiseDistance(
                g.subList(0, Math.min(16, g.size())).toArray(float[][]::new));
        realGroups++;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "meanPairwiseFeatureDistanceWithinCaption",
        Distribution.round(generated / Math.max(groups, 1)));
    out.put("realWithinColourPair (reference)", Distribution.round(real / Math.max(realGroups, 1)));
    out.put("samplesPerCaption", s.k);
    return out;
  }

  /**
   * Whether the noise matters, caption by caption. For each caption, the real images of the split
   * that fit it (the same value of every attribute it names) are the reference: {@code k} of them,
   * drawn with a seeded shuffle, against the caption's {@code k} samples.
   *
   * <ul>
   *   <li>diversity ratio: the samples' mean pairwise feature distance over the fitting real
   *       images', summed over captions: 1 when samples differ as much as real images that fit;
   *   <li>entropy ratio: for each attribute the caption leaves open, the entropy of the
   *       classifier's reading of the samples over that of the fitting real images (both read by
   *       the same classifier, over {@code k} images), summed over captions and attributes.
   * </ul>
   *
   * Both sides have {@code k} images, since an entropy estimated from {@code k} readings depends on
   * {@code k}; captions with fewer than {@code k} fitting real images are left out and counted.
   */
  static Map<String, Object> noise(
      Scored s, ImageClassifier.Predictions real, Captions chosen, List<Example> pool) {
    List<ToIntFunction<Example>> labels = labels();
    int[][] truth = new int[pool.size()][ATTRIBUTES.size()];
    for (int j = 0; j < pool.size(); j++) {
      for (int h = 0; h < ATTRIBUTES.size(); h++) {
        truth[j][h] = labels.get(h).applyAsInt(pool.get(j));
      }
    }
    int k = s.k;
    double generatedSpread = 0;
    double realSpread = 0;
    double[] generatedEntropy = new double[ATTRIBUTES.size()];
    double[] realEntropy = new double[ATTRIBUTES.size()];
    int used = 0;
    int skipped = 0;
    for (int i = 0; i < chosen.captions().size(); i++) {
      Example e = chosen.examples().get(i);
      boolean[] named = new boolean[ATTRIBUTES.size()];
      for (int h = 0; h < named.length; h++) {
        named[h] = mentions(chosen.captions().get(i), e, ATTRIBUTES.get(h));
      }
      int[] own = new int[ATTRIBUTES.size()];
      for (int h = 0; h < own.length; h++) {
        own[h] = labels.get(h).applyAsInt(e);
      }
      List<Integer> fitting = new ArrayList<>();
      for (int j = 0; j < pool.size(); j++) {
        boolean fits = true;
        for (int h = 0; h < named.length && fits; h++) {
          fits = !named[h] || truth[j][h] == own[h];
        }
        if (fits) {
          fitting.add(j);
        }
      }
      if (fitting.size() < k) {
        skipped++;
        continue;
      }
      java.util.Collections.shuffle(fitting, new java.util.Random(chosen.seed() * 7907 + i));
      List<Integer> reference = fitting.subList(0, k);
      float[][] generated = java.util.Arrays.copyOfRange(s.features, i * k, i * k + k);
      generatedSpread += FeatureMetrics.meanPairwiseDistance(generated);
      realSpread +=
          FeatureMetrics.meanPairwiseDistance(
              reference.stream().map(j -> real.features()[j]).toArray(float[][]::new));
      for (int h = 0; h < named.length; h++) {
        if (named[h]) {
          continue;
        }
        int[] g = new int[k];
        for (int j = 0; j < k; j++) {
          g[j] = s.predicted[h][i * k + j];
        }
        generatedEntropy[h] += entropy(g);
        int[] readings = real.predicted()[h];
        realEntropy[h] += entropy(reference.stream().mapToInt(j -> readings[j]).toArray());
      }
      used++;
    }
    Map<String, Object> byAttribute = new LinkedHashMap<>();
    double generatedTotal = 0;
    double realTotal = 0;
    for (int h = 0; h < ATTRIBUTES.size(); h++) {
      generatedTotal += generatedEntropy[h];
      realTotal += realEntropy[h];
      byAttribute.put(
          ATTRIBUTES.get(h),
          realEntropy[h] == 0 ? null : Distribution.round(generatedEntropy[h] / realEntropy[h]));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "diversityRatio",
        realSpread == 0 ? null : Distribution.round(generatedSpread / realSpread));
    out.put("entropyRatio", realTotal == 0 ? null : Distribution.round(generatedTotal / realTotal));
    out.put("entropyRatioByUnnamedAttribute", byAttribute);
    out.put("captions", used);
    out.put("captionsWithTooFewFittingRealImages", skipped);
    out.put("samplesPerCaption", k);
    out.put(
        "note",
        "1 when a caption's samples vary as much as real images that fit it; 0 when the noise is ignored");
    return out;
  }

  /** Entropy in nats of the values' empirical distribution. */
  static double entropy(int[] values) {
    Map<Integer, Integer> counts = new java.util.HashMap<>();
    for (int v : values) {
      counts.merge(v, 1, Integer::sum);
    }
    double h = 0;
    for (int c : counts.values()) {
      double p = c / (double) values.length;
      h -= p * Math.log(p);
    }
    return h;
  }

  static Map<String, Object> memorisation(
      float[][] generated, float[][] realTest, float[][] train) {
    Map<String, Object> out = new LinkedHashMap<>();
    float[][] g = java.util.Arrays.copyOf(generated, Math.min(1000, generated.length));
    float[][] r = java.util.Arrays.copyOf(realTest, Math.min(1000, realTest.length));
    double gen = FeatureMetrics.meanNearestDistance(g, train);
    double real = FeatureMetrics.meanNearestDistance(r, train);
    out.put("generatedToNearestTrainingImage", Distribution.round(gen));
    out.put("realTestToNearestTrainingImage", Distribution.round(real));
    out.put("ratio", Distribution.round(gen / real));
    out.put("trainingImagesSearched", train.length);
    out.put(
        "note",
        "a ratio well below 1 means samples sit closer to training images than unseen real images do");
    return out;
  }
}
