package dev.t2i.curation;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.t2i.api.FeatureExtractor;
import dev.t2i.api.Fingerprint;
import dev.t2i.api.Progress;
import dev.t2i.api.RunContext;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.plugin.Role;
import dev.t2i.curation.matrix.FeatureFile;
import dev.t2i.curation.mixture.ExpectationMaximization;
import dev.t2i.curation.mixture.GaussianMixture;
import dev.t2i.curation.pca.Pca;
import dev.t2i.curation.pca.PcaModel;
import dev.t2i.datasets.subset.ClusterAssignments;
import dev.t2i.runtime.ComponentAssembler;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.output.RunDirectory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ClusterConfig}: features (cached under {@code OUTPUT/features/}, so a rerun with
 * the same data and extractor skips extraction), PCA, Gaussian mixtures for the BIC comparison, the
 * final mixture, and its outputs: {@code clusters.csv}, {@code sizes.txt}, {@code em.csv}, {@code
 * bic.csv}, {@code contact-sheet.png}, {@code report.json}, {@code config.yaml} and {@code
 * provenance.json}.
 */
public final class Clustering {
  private static final Logger LOG = LoggerFactory.getLogger(Clustering.class);

  private final PluginRegistry registry;
  private final Progress.Factory progress;
  private final Module[] extra;

  /**
   * @param progress reports extraction, PCA and EM
   * @param extra further Guice modules, such as the CLI's progress bars
   */
  public Clustering(PluginRegistry registry, Progress.Factory progress, Module... extra) {
    this.registry = registry;
    this.progress = progress;
    this.extra = extra;
  }

  /**
   * What a run produced.
   *
   * @param summary sizes, classes and purity
   * @param labels the cluster of each image, in data set order
   * @param examples the clustered images
   * @param fit the final mixture
   * @param output the output directory
   */
  public record Outcome(
      ClusterSummary summary,
      int[] labels,
      List<Example> examples,
      ExpectationMaximization.Fit fit,
      Path output) {}

  /** Runs {@code config}. */
  public Outcome run(ClusterConfig config) throws IOException {
    long started = System.nanoTime();
    ConfigLoader loader = new ConfigLoader(registry);
    RunDirectory dir = RunDirectory.prepare(config.output(), 0);
    Map<Role, Object> components = new EnumMap<>(Role.class);
    components.put(Role.DATASET, config.dataset());
    components.put(Role.FEATURES, config.features());
    Injector injector =
        new ComponentAssembler(registry)
            .injector(new RunContext(config.seed(), config.output()), components, extra);
    DatasetIndex index = ComponentAssembler.get(injector, DatasetIndex.class);
    List<Example> examples =
        config.split().equals("all")
            ? index.examples()
            : index.examples().stream().filter(e -> e.split().id().equals(config.split())).toList();
    if (examples.size() < config.mixture().components()) {
      throw new IllegalArgumentException(
          "mixture.components: "
              + config.mixture().components()
              + " clusters of "
              + examples.size()
              + " images ("
              + index.name()
              + ", split "
              + config.split()
              + ") is too many");
    }
    RunDirectory.writeAtomically(dir.config(), loader.write(config));
    Map<String, Object> report = new LinkedHashMap<>();
    Map<String, Object> timings = new LinkedHashMap<>();
    FeatureFile features;
    String description;
    long t0 = System.nanoTime();
    try (FeatureExtractor extractor = ComponentAssembler.get(injector, FeatureExtractor.class)) {
      String key =
          Fingerprint.of(
              loader.write(config.features())
                  + "|"
                  + index.name()
                  + "|"
                  + index.provenance()
                  + "|"
                  + config.split()
                  + "|"
                  + examples.size());
      Path file = config.output().resolve("features").resolve("features-" + key + ".f32");
      features = cached(file, examples);
      if (features == null) {
        features = extract(extractor, examples, file);
      } else {
        LOG.info(
            "reusing the features in {} ({} x {})", file, features.rows(), features.dimension());
      }
      description = Files.readString(describeFile(file), StandardCharsets.UTF_8).strip();
    }
    timings.put("featuresSeconds", seconds(t0));
    report.put(
        "dataset",
        Map.of("name", index.name(), "split", config.split(), "images", examples.size()));
    report.put(
        "features",
        Map.of(
            "extractor",
            description,
            "dimension",
            features.dimension(),
            "file",
            features.path().toString()));

    t0 = System.nanoTime();
    double[] x;
    int d;
    if (config.pca().components() > 0 && config.pca().components() < features.dimension()) {
      PcaModel pca = Pca.fit(features, config.pca(), config.seed(), progress);
      x = Pca.project(features, pca, config.pca().chunkRows(), progress);
      d = pca.k();
      LOG.info(
          "PCA: {} components explain {}% of the variance",
          d, String.format("%.1f", 100 * pca.explainedVarianceRatio()));
      report.put(
          "pca",
          Map.of(
              "components",
              d,
              "explainedVarianceRatio",
              round(pca.explainedVarianceRatio()),
              "subspaceIterations",
              pca.iterations()));
    } else {
      x = Pca.load(features, config.pca().chunkRows());
      d = features.dimension();
      report.put("pca", Map.of("components", 0, "note", "features clustered as they are"));
    }
    timings.put("pcaSeconds", seconds(t0));

    int n = examples.size();
    t0 = System.nanoTime();
    List<Map<String, Object>> bic = new ArrayList<>();
    StringBuilder bicCsv =
        new StringBuilder("components,bic,meanLogLikelihood,iterations,converged\n");
    for (int k : config.mixture().bic()) {
      ExpectationMaximization.Fit f = fitWithProgress(x, n, d, config, k);
      bicCsv.append(
          String.format(
              "%d,%.3f,%.6f,%d,%b%n",
              k, f.bic(), f.meanLogLikelihood(), f.iterations(), f.converged()));
      bic.add(
          Map.of(
              "components",
              k,
              "bic",
              round(f.bic()),
              "meanLogLikelihood",
              round(f.meanLogLikelihood())));
      LOG.info("BIC with {} components: {}", k, String.format("%.1f", f.bic()));
    }
    ExpectationMaximization.Fit fit =
        fitWithProgress(x, n, d, config, config.mixture().components());
    timings.put("mixtureSeconds", seconds(t0));
    StringBuilder em = new StringBuilder("iteration,meanLogLikelihood\n");
    for (int i = 0; i < fit.logLikelihoods().length; i++) {
      em.append(String.format("%d,%.8f%n", i + 1, fit.logLikelihoods()[i]));
    }
    RunDirectory.writeAtomically(config.output().resolve("em.csv"), em.toString());
    if (!bic.isEmpty()) {
      RunDirectory.writeAtomically(config.output().resolve("bic.csv"), bicCsv.toString());
    }

    GaussianMixture.Assignment assignment = fit.model().assign(x, n);
    int k = fit.model().components();
    ClusterSummary summary =
        ClusterSummary.of(examples, assignment.labels(), k, index.classNames(), config.seed());
    writeAssignments(config.output().resolve("clusters.csv"), examples, assignment);
    RunDirectory.writeAtomically(config.output().resolve("sizes.txt"), summary.table());
    t0 = System.nanoTime();
    ContactSheet.write(
        examples,
        assignment.labels(),
        summary.sizes(),
        config.sheet(),
        config.seed(),
        config.output().resolve("contact-sheet.png"));
    timings.put("contactSheetSeconds", seconds(t0));
    timings.put("totalSeconds", seconds(started));

    Map<String, Object> mixture = new LinkedHashMap<>();
    mixture.put("components", k);
    mixture.put("covariance", config.mixture().covariance().id());
    mixture.put("dimension", d);
    mixture.put("iterations", fit.iterations());
    mixture.put("converged", fit.converged());
    mixture.put("meanLogLikelihood", round(fit.meanLogLikelihood()));
    mixture.put("bic", round(fit.bic()));
    mixture.put(
        "weights",
        java.util.Arrays.stream(fit.model().weights()).map(Clustering::round).boxed().toList());
    report.put("mixture", mixture);
    if (!bic.isEmpty()) {
      report.put("bicComparison", bic);
    }
    report.put("clusters", summary.toMap());
    report.put("timings", timings);
    RunDirectory.writeAtomically(
        config.output().resolve("report.json"),
        loader.jsonMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("seed", config.seed());
    provenance.put("dataset", index.provenance());
    provenance.put("features", description);
    dir.writeProvenance(provenance);
    return new Outcome(summary, assignment.labels(), examples, fit, config.output());
  }

  private ExpectationMaximization.Fit fitWithProgress(
      double[] x, int n, int d, ClusterConfig config, int k) {
    try (Progress bar =
        progress.start(
            "EM, " + k + " components", config.mixture().maxIterations(), "iterations")) {
      double[] previous = {Double.NaN};
      return ExpectationMaximization.fit(
          x,
          n,
          d,
          config.mixture().withComponents(k),
          config.seed(),
          (i, ll) -> {
            bar.set(i);
            bar.status(String.format("log-likelihood %.4f", ll));
            LOG.info(
                "EM k={} iteration {}: mean log-likelihood {}{}",
                k,
                i,
                String.format("%.6f", ll),
                Double.isNaN(previous[0]) ? "" : String.format(" (%+.2e)", ll - previous[0]));
            previous[0] = ll;
          });
    }
  }

  /** The cached features of exactly these images, or null. */
  private static FeatureFile cached(Path file, List<Example> examples) throws IOException {
    Path ids = idsFile(file);
    if (!Files.isRegularFile(file)
        || !Files.isRegularFile(ids)
        || !Files.isRegularFile(describeFile(file))) {
      return null;
    }
    List<String> stored = Files.readAllLines(ids, StandardCharsets.UTF_8);
    if (!stored.equals(examples.stream().map(Example::id).toList())) {
      return null;
    }
    try {
      FeatureFile f = FeatureFile.open(file);
      return f.rows() == examples.size() ? f : null;
    } catch (IOException e) {
      LOG.warn("ignoring the cached features: {}", e.getMessage());
      return null;
    }
  }

  private FeatureFile extract(FeatureExtractor extractor, List<Example> examples, Path file)
      throws IOException {
    int batch = extractor.batchSize();
    int d = extractor.dimension();
    LOG.info("extracting {}-d features of {} images", d, examples.size());
    FeatureFile out;
    try (FeatureFile.Writer w = new FeatureFile.Writer(file, d);
        Progress bar = progress.start("features", examples.size(), "images")) {
      for (int start = 0; start < examples.size(); start += batch) {
        List<Example> part = examples.subList(start, Math.min(examples.size(), start + batch));
        List<BufferedImage> images = part.parallelStream().map(Clustering::decode).toList();
        for (float[] row : extractor.extract(images)) {
          w.add(row);
        }
        bar.set(start + part.size());
      }
      out = w.finish();
    }
    RunDirectory.writeAtomically(describeFile(file), extractor.describe() + "\n");
    RunDirectory.writeAtomically(
        idsFile(file), String.join("\n", examples.stream().map(Example::id).toList()) + "\n");
    return out;
  }

  private static BufferedImage decode(Example e) {
    try {
      return e.image().read();
    } catch (IOException ex) {
      throw new UncheckedIOException(
          new IOException(
              "cannot read the image " + e.image().location() + ": " + ex.getMessage(), ex));
    }
  }

  private static void writeAssignments(
      Path file, List<Example> examples, GaussianMixture.Assignment a) throws IOException {
    StringBuilder b = new StringBuilder(String.join(",", ClusterAssignments.HEADER)).append('\n');
    for (int i = 0; i < examples.size(); i++) {
      Example e = examples.get(i);
      b.append(e.id())
          .append(',')
          .append(e.split().id())
          .append(',')
          .append(e.classId())
          .append(',')
          .append(a.labels()[i])
          .append(',')
          .append(String.format("%.4f", a.probabilities()[i]))
          .append('\n');
    }
    RunDirectory.writeAtomically(file, b.toString());
  }

  private static Path idsFile(Path features) {
    return features.resolveSibling(features.getFileName().toString().replace(".f32", ".ids"));
  }

  private static Path describeFile(Path features) {
    return features.resolveSibling(features.getFileName().toString().replace(".f32", ".txt"));
  }

  private static double seconds(long since) {
    return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }
}
