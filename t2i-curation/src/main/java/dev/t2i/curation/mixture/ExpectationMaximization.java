package dev.t2i.curation.mixture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits a {@link GaussianMixture} by expectation–maximisation.
 *
 * <p>Commons Math has an EM fitter ({@code MultivariateNormalMixtureExpectationMaximization}), and
 * the tests check this one against it; but it multiplies densities instead of adding log-densities,
 * so it underflows beyond a few dozen dimensions, has no diagonal covariances, no regularisation
 * and no per-iteration report, and runs on one core. Smile's mixture is GPL-licensed. Commons Math
 * still does the linear algebra here (Cholesky, eigenvalues).
 */
public final class ExpectationMaximization {
  /** Largest dimension for full covariances: {@code d × d} per component and block of rows. */
  public static final int MAX_FULL_DIMENSION = 512;

  private ExpectationMaximization() {}

  /** Hears the mean log-likelihood of each iteration. */
  @FunctionalInterface
  public interface Listener {
    void iteration(int iteration, double meanLogLikelihood);

    /** Hears nothing. */
    Listener NONE = (i, ll) -> {};
  }

  /**
   * A fit.
   *
   * @param model the mixture, components by decreasing weight
   * @param logLikelihoods mean log-likelihood per row at each iteration
   * @param converged whether the tolerance was reached before the iteration limit
   * @param rows rows fitted
   */
  public record Fit(GaussianMixture model, double[] logLikelihoods, boolean converged, int rows) {
    /** Mean log-likelihood per row of the final model. */
    public double meanLogLikelihood() {
      return logLikelihoods[logLikelihoods.length - 1];
    }

    /** Its Bayesian information criterion; lower is better. */
    public double bic() {
      return model.bic(meanLogLikelihood(), rows);
    }

    /** EM iterations run. */
    public int iterations() {
      return logLikelihoods.length;
    }
  }

  /**
   * Fits {@code settings.components()} components to the {@code n × d} row-major data, starting
   * from k-means++ and Lloyd iterations; with restarts, keeps the most likely fit.
   */
  public static Fit fit(
      double[] x, int n, int d, MixtureSettings settings, long seed, Listener listener) {
    if (settings.covariance() == CovarianceType.FULL && d > MAX_FULL_DIMENSION) {
      throw new IllegalArgumentException(
          "full covariances of "
              + d
              + " dimensions need "
              + d
              + "² values per component; "
              + "reduce the dimension first (pca.components, at most "
              + MAX_FULL_DIMENSION
              + ") or use mixture.covariance: diagonal");
    }
    Rows rows = new Rows(x, n, d);
    Fit best = null;
    for (int restart = 0; restart < settings.restarts(); restart++) {
      int[] labels = KMeansInit.partition(rows, settings.components(), seed + 1_000_003L * restart);
      double[][] resp = hard(labels, settings.components());
      GaussianMixture start =
          maximise(rows, resp, settings.covariance(), settings.regularization());
      Fit f =
          run(
              rows,
              start,
              settings.maxIterations(),
              settings.tolerance(),
              settings.regularization(),
              listener);
      if (best == null || f.meanLogLikelihood() > best.meanLogLikelihood()) {
        best = f;
      }
    }
    return new Fit(byWeight(best.model()), best.logLikelihoods(), best.converged(), n);
  }

  /** Runs EM from {@code initial}, without reordering its components. */
  public static Fit fit(
      double[] x,
      int n,
      int d,
      GaussianMixture initial,
      int maxIterations,
      double tolerance,
      double regularization,
      Listener listener) {
    return run(new Rows(x, n, d), initial, maxIterations, tolerance, regularization, listener);
  }

  private static Fit run(
      Rows rows,
      GaussianMixture model,
      int maxIterations,
      double tolerance,
      double regularization,
      Listener listener) {
    List<Double> history = new ArrayList<>();
    boolean converged = false;
    double[][] resp = new double[rows.blocks()][];
    for (int iteration = 1; iteration <= maxIterations; iteration++) {
      double ll = expect(rows, model, resp);
      history.add(ll);
      listener.iteration(iteration, ll);
      if (iteration > 1 && Math.abs(ll - history.get(iteration - 2)) < tolerance) {
        converged = true;
        break;
      }
      if (iteration == maxIterations) {
        break;
      }
      model = maximise(rows, resp, model.type(), regularization);
    }
    return new Fit(
        model, history.stream().mapToDouble(Double::doubleValue).toArray(), converged, rows.n());
  }

  /** E-step: responsibilities per block ({@code rows × K}); returns the mean log-likelihood. */
  private static double expect(Rows rows, GaussianMixture model, double[][] resp) {
    GaussianMixture.Scorer scorer = model.scorer();
    int k = model.components();
    int d = rows.d();
    double total =
        rows
            .map(
                b -> {
                  int start = rows.start(b);
                  double[] r = new double[(rows.end(b) - start) * k];
                  double[] logp = new double[k];
                  double[] z = new double[d];
                  double ll = 0;
                  for (int i = start; i < rows.end(b); i++) {
                    double lse = scorer.logJoint(rows.x(), i * d, logp, z);
                    ll += lse;
                    int o = (i - start) * k;
                    for (int c = 0; c < k; c++) {
                      r[o + c] = Math.exp(logp[c] - lse);
                    }
                  }
                  resp[b] = r;
                  return ll;
                })
            .stream()
            .mapToDouble(Double::doubleValue)
            .sum();
    return total / rows.n();
  }

  /** M-step: weights, means and covariances from responsibilities. */
  private static GaussianMixture maximise(
      Rows rows, double[][] resp, CovarianceType type, double regularization) {
    int d = rows.d();
    int k = resp[0].length / (rows.end(0) - rows.start(0));
    double[] x = rows.x();
    double[] weight = new double[k];
    double[][] mean = new double[k][d];
    for (double[] part :
        rows.map(
            b -> {
              double[] s = new double[k * (d + 1)];
              double[] r = resp[b];
              for (int i = rows.start(b); i < rows.end(b); i++) {
                int o = (i - rows.start(b)) * k;
                for (int c = 0; c < k; c++) {
                  double w = r[o + c];
                  s[c * (d + 1)] += w;
                  int m = c * (d + 1) + 1;
                  for (int j = 0; j < d; j++) {
                    s[m + j] += w * x[i * d + j];
                  }
                }
              }
              return s;
            })) {
      for (int c = 0; c < k; c++) {
        weight[c] += part[c * (d + 1)];
        for (int j = 0; j < d; j++) {
          mean[c][j] += part[c * (d + 1) + 1 + j];
        }
      }
    }
    double[] pooled = null;
    for (int c = 0; c < k; c++) {
      if (weight[c] > 1e-10) {
        for (int j = 0; j < d; j++) {
          mean[c][j] /= weight[c];
        }
      } else {
        pooled = pooled != null ? pooled : pooledVariance(rows);
      }
    }
    int size = type == CovarianceType.FULL ? d * d : d;
    double[][] cov = new double[k][size];
    for (double[] part :
        rows.map(
            b -> {
              double[] s = new double[k * size];
              double[] r = resp[b];
              double[] diff = new double[d];
              for (int i = rows.start(b); i < rows.end(b); i++) {
                int o = (i - rows.start(b)) * k;
                for (int c = 0; c < k; c++) {
                  double w = r[o + c];
                  if (w == 0) {
                    continue;
                  }
                  double[] mu = mean[c];
                  for (int j = 0; j < d; j++) {
                    diff[j] = x[i * d + j] - mu[j];
                  }
                  int base = c * size;
                  if (type == CovarianceType.FULL) {
                    for (int a = 0; a < d; a++) {
                      double wa = w * diff[a];
                      int row = base + a * d;
                      for (int bb = 0; bb <= a; bb++) {
                        s[row + bb] += wa * diff[bb];
                      }
                    }
                  } else {
                    for (int j = 0; j < d; j++) {
                      s[base + j] += w * diff[j] * diff[j];
                    }
                  }
                }
              }
              return s;
            })) {
      for (int c = 0; c < k; c++) {
        for (int i = 0; i < size; i++) {
          cov[c][i] += part[c * size + i];
        }
      }
    }
    for (int c = 0; c < k; c++) {
      double nk = weight[c];
      double[] s = cov[c];
      if (nk <= 1e-10) {
        // A component that lost every row: the pooled variance keeps it usable.
        Arrays.fill(s, 0);
        for (int j = 0; j < d; j++) {
          s[type == CovarianceType.FULL ? j * d + j : j] = pooled[j];
        }
        weight[c] = 1e-10;
        continue;
      }
      if (type == CovarianceType.FULL) {
        for (int a = 0; a < d; a++) {
          for (int bb = 0; bb <= a; bb++) {
            double v = s[a * d + bb] / nk;
            s[a * d + bb] = v;
            s[bb * d + a] = v;
          }
          s[a * d + a] += regularization;
        }
      } else {
        for (int j = 0; j < d; j++) {
          s[j] = s[j] / nk + regularization;
        }
      }
    }
    double sum = Arrays.stream(weight).sum();
    for (int c = 0; c < k; c++) {
      weight[c] /= sum;
    }
    return new GaussianMixture(type, weight, mean, cov);
  }

  private static double[] pooledVariance(Rows rows) {
    int d = rows.d();
    double[] mean = new double[d];
    double[] sq = new double[d];
    for (int i = 0; i < rows.n(); i++) {
      for (int j = 0; j < d; j++) {
        double v = rows.x()[i * d + j];
        mean[j] += v;
        sq[j] += v * v;
      }
    }
    double[] out = new double[d];
    for (int j = 0; j < d; j++) {
      double m = mean[j] / rows.n();
      out[j] = Math.max(sq[j] / rows.n() - m * m, 1e-6);
    }
    return out;
  }

  private static double[][] hard(int[] labels, int k) {
    int blocks = (labels.length + Rows.BLOCK - 1) / Rows.BLOCK;
    double[][] resp = new double[blocks][];
    for (int b = 0; b < blocks; b++) {
      int start = b * Rows.BLOCK;
      int end = Math.min(labels.length, start + Rows.BLOCK);
      resp[b] = new double[(end - start) * k];
      for (int i = start; i < end; i++) {
        resp[b][(i - start) * k + labels[i]] = 1;
      }
    }
    return resp;
  }

  /** The same mixture with its components ordered by decreasing weight. */
  private static GaussianMixture byWeight(GaussianMixture m) {
    Integer[] order = new Integer[m.components()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(m.weights()[b], m.weights()[a]));
    double[] w = new double[order.length];
    double[][] mu = new double[order.length][];
    double[][] cov = new double[order.length][];
    for (int i = 0; i < order.length; i++) {
      w[i] = m.weights()[order[i]];
      mu[i] = m.means()[order[i]];
      cov[i] = m.covariances()[order[i]];
    }
    return new GaussianMixture(m.type(), w, mu, cov);
  }
}
