package dev.t2i.encoders.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WhiteningTest {

  @Test
  void tokenVectorsBecomeCentredWithUnitCovariance() {
    Random r = new Random(1);
    int words = 50;
    int d = 6;
    float[] v = new float[words * d];
    List<String> names = new ArrayList<>();
    for (int w = 0; w < words; w++) {
      names.add("w" + w);
      for (int i = 0; i < d; i++) {
        // Correlated, badly scaled coordinates: dimension i has scale 10^(-i/2).
        v[w * d + i] = (float) ((r.nextGaussian() + 0.5 * v[w * d] + 3) * Math.pow(10, -i / 2.0));
      }
    }
    int[] tokens = new int[5000];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = (int) Math.floor(Math.abs(r.nextGaussian()) * 10) % words;
    }
    WordVectors white = Whitening.apply(new WordVectors(names, v, d), tokens, 1e-12);
    double[] mean = new double[d];
    double[][] cov = new double[d][d];
    float[] t = white.rawVectors();
    for (int tok : tokens) {
      for (int i = 0; i < d; i++) {
        mean[i] += t[tok * d + i] / tokens.length;
      }
    }
    for (int tok : tokens) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          cov[i][j] +=
              (t[tok * d + i] - mean[i]) * (t[tok * d + j] - mean[j]) / (tokens.length - 1);
        }
      }
    }
    for (int i = 0; i < d; i++) {
      assertThat(mean[i]).isCloseTo(0, within(1e-4));
      for (int j = 0; j < d; j++) {
        assertThat(cov[i][j]).as("cov[%d][%d]", i, j).isCloseTo(i == j ? 1.0 : 0.0, within(2e-3));
      }
    }
    assertThat(white.words()).isEqualTo(names);
  }
}
