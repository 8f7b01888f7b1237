package dev.t2i.bench;

import dev.t2i.api.Progress;
import dev.t2i.curation.matrix.FeatureFile;
import dev.t2i.curation.matrix.SyntheticMixtureRows;
import dev.t2i.curation.mixture.CovarianceType;
import dev.t2i.curation.mixture.ExpectationMaximization;
import dev.t2i.curation.mixture.GaussianMixture;
import dev.t2i.curation.mixture.MixtureSettings;
import dev.t2i.curation.pca.Pca;
import dev.t2i.curation.pca.PcaModel;
import dev.t2i.curation.pca.PcaSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Clustering at the report's scale.
 *
 * <pre>
 * ClusterBench generate FILE ROWS DIM CLUSTERS SEED   synthetic rows (+ FILE.truth, one cluster per line)
 * ClusterBench cluster FILE PCA K COVARIANCE SEED    streamed PCA, then EM; prints timings, writes FILE.t2i.labels
 * </pre>
 */
public final class ClusterBench {
  private ClusterBench() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    if (args[0].equals("generate")) {
      long rows = Long.parseLong(args[2]);
      int dim = Integer.parseInt(args[3]);
      int clusters = Integer.parseInt(args[4]);
      long seed = Long.parseLong(args[5]);
      SyntheticMixtureRows source = new SyntheticMixtureRows(rows, dim, clusters, 32, 0.5, seed);
      try (FeatureFile.Writer w = new FeatureFile.Writer(file, dim)) {
        float[] row = new float[dim];
        source.forEachChunk(
            4096,
            (first, values, count) -> {
              for (int i = 0; i < count; i++) {
                System.arraycopy(values, i * dim, row, 0, dim);
                w.add(row);
              }
            });
        w.finish();
      }
      try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(file + ".truth")))) {
        for (long i = 0; i < rows; i++) {
          out.println(source.clusterOf(i));
        }
      }
      System.out.printf("wrote %s: %d x %d, %d clusters%n", file, rows, dim, clusters);
      return;
    }
    int components = Integer.parseInt(args[2]);
    int k = Integer.parseInt(args[3]);
    CovarianceType type = CovarianceType.valueOf(args[4].toUpperCase(java.util.Locale.ROOT));
    long seed = Long.parseLong(args[5]);
    FeatureFile features = FeatureFile.open(file);
    long t0 = System.nanoTime();
    PcaModel pca =
        Pca.fit(
            features, new PcaSettings(components, null, null, null), seed, Progress.Factory.SILENT);
    double[] x = Pca.project(features, pca, 4096, Progress.Factory.SILENT);
    double pcaSeconds = (System.nanoTime() - t0) / 1e9;
    int n = Math.toIntExact(features.rows());
    long t1 = System.nanoTime();
    ExpectationMaximization.Fit fit =
        ExpectationMaximization.fit(
            x,
            n,
            pca.k(),
            new MixtureSettings(k, type, 200, 1e-4, 1e-6, 1, null),
            seed,
            ExpectationMaximization.Listener.NONE);
    GaussianMixture.Assignment a = fit.model().assign(x, n);
    double emSeconds = (System.nanoTime() - t1) / 1e9;
    try (PrintWriter out =
        new PrintWriter(Files.newBufferedWriter(Path.of(file + ".t2i.labels")))) {
      for (int l : a.labels()) {
        out.println(l);
      }
    }
    System.out.printf(
        "rows = %d%ndimension = %d%npca_components = %d%nexplained_variance = %.4f%n",
        n, features.dimension(), pca.k(), pca.explainedVarianceRatio());
    System.out.printf(
        "pca_seconds = %.2f%nem_seconds = %.2f%nem_iterations = %d%nconverged = %b%n",
        pcaSeconds, emSeconds, fit.iterations(), fit.converged());
    System.out.printf(
        "mean_log_likelihood = %.4f%ntotal_seconds = %.2f%n",
        a.meanLogLikelihood(), pcaSeconds + emSeconds);
  }
}
