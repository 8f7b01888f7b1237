package dev.t2i.curation.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.apache.commons.math3.distribution.MixtureMultivariateNormalDistribution;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.distribution.fitting.MultivariateNormalMixtureExpectationMaximization;
import org.apache.commons.math3.util.Pair;
import org.junit.jupiter.api.Test;

class ExpectationMaximizationTest {

  /**
   * {@code n} rows of {@code d} dimensions from {@code k} well separated clusters; truth in {@code
   * labels}.
   */
  static double[] planted(int n, int d, int k, double spread, long seed, int[] labels) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] centres = new double[k][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        // On a circle, turned in every dimension: at least about 15 apart.
        centres[c][j] = 15 * Math.cos(2 * Math.PI * c / k + j);
      }
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int c = i % k;
      labels[i] = c;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = centres[c][j] + spread * (j + 1) * r.nextGaussian() / d;
      }
    }
    return x;
  }

  @Test
  void agreesWithCommonsMathFromTheSameStart() {
    int n = 600;
    int d = 2;
    double[] x = planted(n, d, 3, 3, 5, new int[n]);
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new double[] {x[2 * i], x[2 * i + 1]};
    }
    // A deliberately poor start: three rows as means, unit covariances.
    double[] w = {0.2, 0.3, 0.5};
    double[][] mu = {rows[0].clone(), rows[7].clone(), rows[30].clone()};
    double[][] cov = {{1, 0, 0, 1}, {1, 0, 0, 1}, {1, 0, 0, 1}};
    GaussianMixture start = new GaussianMixture(CovarianceType.FULL, w, mu, cov);
    ExpectationMaximization.Fit ours =
        ExpectationMaximization.fit(
            x, n, d, start, 1000, 1e-12, 0, ExpectationMaximization.Listener.NONE);

    List<Pair<Double, MultivariateNormalDistribution>> components = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      components.add(
          new Pair<>(
              w[c], new MultivariateNormalDistribution(mu[c], new double[][] {{1, 0}, {0, 1}})));
    }
    MultivariateNormalMixtureExpectationMaximization reference =
        new MultivariateNormalMixtureExpectationMaximization(rows);
    reference.fit(new MixtureMultivariateNormalDistribution(components), 1000, 1e-12);

    assertThat(ours.converged()).isTrue();
    assertThat(ours.meanLogLikelihood()).isCloseTo(reference.getLogLikelihood(), within(1e-9));
    List<Pair<Double, MultivariateNormalDistribution>> fitted =
        reference.getFittedModel().getComponents();
    for (int c = 0; c < 3; c++) {
      assertThat(ours.model().weights()[c]).isCloseTo(fitted.get(c).getFirst(), within(1e-6));
      assertThat(ours.model().means()[c])
          .containsExactly(fitted.get(c).getSecond().getMeans(), within(1e-5));
      double[][] s = fitted.get(c).getSecond().getCovariances().getData();
      assertThat(ours.model().covariances()[c])
          .containsExactly(new double[] {s[0][0], s[0][1], s[1][0], s[1][1]}, within(1e-5));
    }
  }

  @Test
  void recoversPlantedClustersWithEitherCovarianceAndNeverLowersTheLikelihood() {
    int n = 3000;
    int d = 6;
    int[] truth = new int[n];
    double[] x = planted(n, d, 4, 4, 11, truth);
    for (CovarianceType type : CovarianceType.values()) {
      MixtureSettings s = new MixtureSettings(4, type, 200, 1e-8, 1e-6, 1, null);
      ExpectationMaximization.Fit f =
          ExpectationMaximization.fit(x, n, d, s, 3, ExpectationMaximization.Listener.NONE);
      int[] labels = f.model().assign(x, n).labels();
      // Every planted cluster maps to exactly one component, and back.
      Map<Integer, Integer> map = new HashMap<>();
      for (int i = 0; i < n; i++) {
        Integer before = map.putIfAbsent(truth[i], labels[i]);
        assertThat(before == null ? labels[i] : before).as(type + " row " + i).isEqualTo(labels[i]);
      }
      assertThat(new java.util.HashSet<>(map.values())).hasSize(4);
      for (double w : f.model().weights()) {
        assertThat(w).isCloseTo(0.25, within(1e-3));
      }
      double[] ll = f.logLikelihoods();
      for (int i = 1; i < ll.length; i++) {
        assertThat(ll[i]).as(type + " iteration " + i).isGreaterThanOrEqualTo(ll[i - 1] - 1e-9);
      }
    }
  }

  @Test
  void bicIsLowestAtThePlantedNumberOfClusters() {
    int n = 2000;
    int d = 3;
    double[] x = planted(n, d, 3, 3, 21, new int[n]);
    Map<Integer, Double> bic = new HashMap<>();
    for (int k = 1; k <= 6; k++) {
      MixtureSettings s = new MixtureSettings(k, CovarianceType.FULL, 300, 1e-8, 1e-6, 2, null);
      bic.put(
          k,
          ExpectationMaximization.fit(x, n, d, s, 1, ExpectationMaximization.Listener.NONE).bic());
    }
    int best = bic.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertThat(best).as(bic.toString()).isEqualTo(3);
  }

  @Test
  void theSameSeedGivesTheSameModelOnOneThreadOrMany() throws Exception {
    int n = 9000;
    int d = 4;
    double[] x = planted(n, d, 5, 12, 8, new int[n]);
    MixtureSettings s = new MixtureSettings(5, CovarianceType.FULL, 50, 0.0, 1e-6, 1, null);
    ExpectationMaximization.Fit many =
        ExpectationMaximization.fit(x, n, d, s, 4, ExpectationMaximization.Listener.NONE);
    ForkJoinPool one = new ForkJoinPool(1);
    try {
      ExpectationMaximization.Fit single =
          one.submit(
                  () ->
                      ExpectationMaximization.fit(
                          x, n, d, s, 4, ExpectationMaximization.Listener.NONE))
              .get();
      assertThat(single.logLikelihoods()).containsExactly(many.logLikelihoods());
      assertThat(single.model().means()).isDeepEqualTo(many.model().means());
    } finally {
      one.shutdown();
    }
    ExpectationMaximization.Fit other =
        ExpectationMaximization.fit(x, n, d, s, 5, ExpectationMaximization.Listener.NONE);
    assertThat(other.logLikelihoods()).isNotEqualTo(many.logLikelihoods());
  }

  @Test
  void refusesWhatCannotWork() {
    assertThatThrownBy(
            () ->
                ExpectationMaximization.fit(
                    new double[600 * 2],
                    2,
                    600,
                    MixtureSettings.defaults(),
                    1,
                    ExpectationMaximization.Listener.NONE))
        .hasMessageStartingWith(
            "full covariances of 600 dimensions need 600² values per component; reduce the dimension first");
    assertThatThrownBy(
            () ->
                ExpectationMaximization.fit(
                    new double[6],
                    3,
                    2,
                    MixtureSettings.defaults(),
                    1,
                    ExpectationMaximization.Listener.NONE))
        .hasMessage("cannot make 10 clusters of 3 rows");
    assertThatThrownBy(() -> new MixtureSettings(0, null, null, null, null, null, null))
        .hasMessageContaining("components");
  }
}
