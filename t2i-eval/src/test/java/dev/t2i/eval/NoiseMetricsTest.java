package dev.t2i.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.t2i.api.data.Example;
import dev.t2i.api.data.Split;
import dev.t2i.datasets.synthetic.SyntheticFlowersSettings;
import dev.t2i.datasets.synthetic.SyntheticFlowersSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The noise figures of {@code t2i eval}: samples that ignore their noise score 0, samples that vary
 * as the real images fitting their caption vary score 1.
 */
@Timeout(60)
class NoiseMetricsTest {
  private static final int K = 4;

  @Test
  void entropyIsThatOfTheEmpiricalDistribution() {
    assertThat(SyntheticEvaluation.entropy(new int[] {2, 2, 2, 2})).isZero();
    assertThat(SyntheticEvaluation.entropy(new int[] {0, 1, 0, 1}))
        .isCloseTo(Math.log(2), within(1e-12));
    assertThat(SyntheticEvaluation.entropy(new int[] {0, 1, 2, 3}))
        .isCloseTo(Math.log(4), within(1e-12));
  }

  @Test
  void ignoredNoiseScoresZeroAndRealVariationScoresOne() {
    List<Example> pool =
        new SyntheticFlowersSource(new SyntheticFlowersSettings(4L, 0, 0, 32, null, 400))
            .load()
            .split(Split.VALIDATION);
    List<ToInt> labels = new ArrayList<>();
    int attributes = SyntheticEvaluation.ATTRIBUTES.size();
    // Real images: each one's features are its own random point; the classifier reads its true
    // labels.
    int[][] predicted = new int[attributes][pool.size()];
    float[][] features = new float[pool.size()][];
    for (int j = 0; j < pool.size(); j++) {
      features[j] = new float[] {(float) Math.sin(j * 1.3), (float) Math.cos(j * 0.7), j % 5};
      for (int h = 0; h < attributes; h++) {
        predicted[h][j] = SyntheticEvaluation.labels().get(h).applyAsInt(pool.get(j));
      }
    }
    ImageClassifier.Predictions real = new ImageClassifier.Predictions(predicted, null, features);
    int n = 50;
    List<String> captions = new ArrayList<>();
    List<Integer> forms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      captions.add(pool.get(i).captions().get(0));
      forms.add(-1);
    }
    SyntheticEvaluation.Captions chosen =
        new SyntheticEvaluation.Captions(pool.subList(0, n), captions, forms, K, 3, 0);

    // Collapsed: every sample of a caption is its own image, read as its own labels.
    SyntheticEvaluation.Scored collapsed = scored(n, i -> i, real);
    Map<String, Object> none = SyntheticEvaluation.noise(collapsed, real, chosen, pool);
    assertThat((Double) none.get("diversityRatio")).isZero();
    assertThat((Double) none.get("entropyRatio")).isZero();
    assertThat((Integer) none.get("captions")).isGreaterThan(n / 2);

    // Varied as the real images that fit: the samples are the very reference images the metric
    // draws.
    Map<String, Object> asReal =
        SyntheticEvaluation.noise(referenceDraws(chosen, pool, real, n), real, chosen, pool);
    assertThat((Double) asReal.get("diversityRatio")).isCloseTo(1.0, within(1e-3));
    assertThat((Double) asReal.get("entropyRatio")).isCloseTo(1.0, within(1e-3));
  }

  interface ToInt {
    int of(int i);
  }

  private static SyntheticEvaluation.Scored scored(
      int n, ToInt source, ImageClassifier.Predictions real) {
    SyntheticEvaluation.Scored s = new SyntheticEvaluation.Scored();
    s.k = K;
    s.features = new float[n * K][];
    s.predicted = new int[SyntheticEvaluation.ATTRIBUTES.size()][n * K];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < K; j++) {
        int r = source.of(i);
        s.features[i * K + j] = real.features()[r];
        for (int h = 0; h < s.predicted.length; h++) {
          s.predicted[h][i * K + j] = real.predicted()[h][r];
        }
      }
    }
    return s;
  }

  /** Samples equal to the k real images the metric draws for each caption (same seeded shuffle). */
  private static SyntheticEvaluation.Scored referenceDraws(
      SyntheticEvaluation.Captions chosen,
      List<Example> pool,
      ImageClassifier.Predictions real,
      int n) {
    SyntheticEvaluation.Scored s = new SyntheticEvaluation.Scored();
    s.k = K;
    s.features = new float[n * K][];
    s.predicted = new int[SyntheticEvaluation.ATTRIBUTES.size()][n * K];
    for (int i = 0; i < n; i++) {
      Example e = chosen.examples().get(i);
      List<Integer> fitting = new ArrayList<>();
      for (int j = 0; j < pool.size(); j++) {
        boolean fits = true;
        for (int h = 0; h < SyntheticEvaluation.ATTRIBUTES.size(); h++) {
          if (SyntheticEvaluation.mentions(
              chosen.captions().get(i), e, SyntheticEvaluation.ATTRIBUTES.get(h))) {
            fits &=
                SyntheticEvaluation.labels().get(h).applyAsInt(pool.get(j))
                    == SyntheticEvaluation.labels().get(h).applyAsInt(e);
          }
        }
        if (fits) {
          fitting.add(j);
        }
      }
      java.util.Collections.shuffle(fitting, new java.util.Random(chosen.seed() * 7907 + i));
      for (int j = 0; j < K; j++) {
        int r =
            fitting.get(
                Math.min(
                    j,
                    fitting.size() - 1)); // captions with fewer than K are left out by the metric
        s.features[i * K + j] = real.features()[r];
        for (int h = 0; h < s.predicted.length; h++) {
          s.predicted[h][i * K + j] = real.predicted()[h][r];
        }
      }
    }
    return s;
  }
}
