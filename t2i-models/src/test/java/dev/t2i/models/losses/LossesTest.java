package dev.t2i.models.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.Injector;
import dev.t2i.api.GeneratorOutput;
import dev.t2i.api.Loss;
import dev.t2i.api.LossInputs;
import dev.t2i.api.LossPart;
import dev.t2i.api.LossTerms;
import dev.t2i.api.RunContext;
import dev.t2i.api.plugin.Role;
import dev.t2i.models.GraphRunner;
import dev.t2i.models.ModelsPlugin;
import dev.t2i.models.layers.GaussianBlur;
import dev.t2i.runtime.ComponentAssembler;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

class LossesTest {
  static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  static double mean(double... v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  @Test
  void ganLossMatchesBinaryCrossEntropyByHand() {
    try (GraphRunner g = new GraphRunner()) {
      Operand<TFloat32> real = g.tf.constant(new float[] {2f, -1f});
      Operand<TFloat32> fake = g.tf.constant(new float[] {0f, 3f});
      Operand<TFloat32> wrong = g.tf.constant(new float[] {1f, -2f});
      Operand<TFloat32> blurred = g.tf.constant(new float[] {0.5f, 0.5f});
      Operand<TFloat32> img = g.tf.constant(new float[1][1][1][3]);
      LossInputs in =
          new LossInputs(real, fake, null, wrong, blurred, GeneratorOutput.of(img), img);

      LossTerms plain = new GanLoss(GanLossSettings.defaults()).compute(g.tf, in);
      double dReal = mean(softplus(-2), softplus(1));
      double dFake = mean(softplus(0), softplus(3));
      assertThat((double) g.run(plain.discriminator())[0]).isCloseTo(dReal + dFake, within(1e-5));
      assertThat((double) g.run(plain.generator())[0])
          .isCloseTo(mean(softplus(0), softplus(-3)), within(1e-5));

      LossTerms minimax =
          new GanLoss(
                  new GanLossSettings(GanLossSettings.GeneratorObjective.MINIMAX, null, null, null))
              .compute(g.tf, in);
      assertThat((double) g.run(minimax.generator())[0]).isCloseTo(-dFake, within(1e-5));

      LossTerms cls = new GanLoss(new GanLossSettings(null, true, 2.0, 0.9)).compute(g.tf, in);
      double smoothed =
          mean(0.9 * softplus(-2) + 0.1 * softplus(2), 0.9 * softplus(1) + 0.1 * softplus(-1));
      double negatives =
          (dFake + mean(softplus(1), softplus(-2)) + mean(softplus(0.5), softplus(0.5))) / 3;
      assertThat((double) g.run(cls.discriminator())[0])
          .isCloseTo(smoothed + negatives, within(1e-5));
      assertThat(cls.parts())
          .containsOnlyKeys(
              LossPart.discriminator("real"),
              LossPart.discriminator("fake"),
              LossPart.discriminator("mismatched"),
              LossPart.discriminator("blurred"),
              LossPart.generator("adversarial"));
      assertThat(new GanLoss(new GanLossSettings(null, true, 2.0, null)).requirements().blurSigma())
          .isEqualTo(2.0);
    }
  }

  @Test
  void fakeWeightsSelectWhichFakesCount() {
    try (GraphRunner g = new GraphRunner()) {
      Operand<TFloat32> img = g.tf.constant(new float[1][1][1][3]);
      LossInputs in =
          new LossInputs(
              g.tf.constant(new float[] {0f}),
              g.tf.constant(new float[] {1f, 5f, -2f}),
              g.tf.constant(new float[] {1f, 0f, 1f}),
              null,
              null,
              GeneratorOutput.of(img),
              img);
      LossTerms t = new GanLoss(GanLossSettings.defaults()).compute(g.tf, in);
      assertThat((double) g.run(t.parts().get(LossPart.discriminator("fake")))[0])
          .isCloseTo(mean(softplus(1), softplus(-2)), within(1e-5));
    }
  }

  @Test
  void l2IsTheMeanSquaredErrorOrTheEuclideanNorm() {
    try (GraphRunner g = new GraphRunner()) {
      Operand<TFloat32> generated = g.tf.constant(new float[][][][] {{{{1, 2, 3}}}, {{{0, 0, 0}}}});
      Operand<TFloat32> real = g.tf.constant(new float[][][][] {{{{1, 0, 3}}}, {{{3, 4, 0}}}});
      LossInputs in =
          new LossInputs(null, null, null, null, null, GeneratorOutput.of(generated), real);
      assertThat(g.run(new L2Loss(new L2LossSettings(null, null)).compute(g.tf, in).generator())[0])
          .isCloseTo((4f + 9 + 16) / 6, within(1e-5f));
      assertThat(
              g.run(
                      new L2Loss(new L2LossSettings(null, L2LossSettings.Reduction.EUCLIDEAN))
                          .compute(g.tf, in)
                          .generator())[0])
          .isCloseTo((2f + 5) / 2, within(1e-4f));
      assertThat(new L2Loss(new L2LossSettings(null, null)).requirements().discriminator())
          .isFalse();
    }
  }

  @Test
  void l2OnTheMeanOfTheWordImages() {
    try (GraphRunner g = new GraphRunner()) {
      // One caption, three steps (the last is padding), 1×1×3 images.
      Operand<TFloat32> steps =
          g.tf.constant(new float[][][][][] {{{{{1, 1, 1}}}, {{{3, 3, 3}}}, {{{100, 100, 100}}}}});
      Operand<TFloat32> mask = g.tf.constant(new float[][] {{1, 1, 0}});
      Operand<TFloat32> last = g.tf.constant(new float[][][][] {{{{3, 3, 3}}}});
      Operand<TFloat32> real = g.tf.constant(new float[][][][] {{{{2, 2, 2}}}});
      GeneratorOutput out = new GeneratorOutput(last, last, null, steps, mask);
      LossInputs in = new LossInputs(null, null, null, null, null, out, real);
      assertThat(
              g.run(
                      new L2Loss(new L2LossSettings(L2LossSettings.Target.STEP_MEAN, null))
                          .compute(g.tf, in)
                          .generator())[0])
          .isEqualTo(0f);
      assertThat(g.run(new L2Loss(new L2LossSettings(null, null)).compute(g.tf, in).generator())[0])
          .isEqualTo(1f);
    }
  }

  @Test
  void weightedSumIsAssembledFromYamlWithNestedLosses() throws Exception {
    PluginRegistry registry = PluginRegistry.of(List.of(new ModelsPlugin()));
    record Cfg(Loss.Settings loss) {}
    Cfg cfg =
        new ConfigLoader(registry)
            .read(
                """
        loss:
          type: weighted
          terms:
            - loss: {type: gan}
            - weight: 10
              loss: {type: l2}
        """,
                "loss.yaml",
                Cfg.class);
    Injector injector =
        new ComponentAssembler(registry)
            .injector(new RunContext(1, Path.of("r")), Map.of(Role.LOSS, cfg.loss()));
    Loss loss = ComponentAssembler.get(injector, Loss.class);
    assertThat(loss.requirements().discriminator()).isTrue();
    try (GraphRunner g = new GraphRunner()) {
      Operand<TFloat32> generated = g.tf.constant(new float[][][][] {{{{1, 2, 3}}}});
      Operand<TFloat32> real = g.tf.constant(new float[][][][] {{{{1, 0, 3}}}});
      LossInputs in =
          new LossInputs(
              g.tf.constant(new float[] {1f}),
              g.tf.constant(new float[] {-1f}),
              null,
              null,
              null,
              GeneratorOutput.of(generated),
              real);
      LossTerms t = loss.compute(g.tf, in);
      assertThat((double) g.run(t.generator())[0])
          .isCloseTo(softplus(1) + 10 * 4.0 / 3, within(1e-4));
      assertThat((double) g.run(t.discriminator())[0])
          .isCloseTo(softplus(-1) + softplus(-1), within(1e-5));
      assertThat(t.parts())
          .containsKeys(
              LossPart.generator("adversarial"),
              LossPart.generator("l2"),
              LossPart.discriminator("real"));
    }
  }

  @Test
  void blurKeepsAConstantImageAndSpreadsAPoint() {
    try (GraphRunner g = new GraphRunner()) {
      float[][][][] constant = new float[1][8][8][3];
      float[][][][] point = new float[1][9][9][3];
      for (float[][] row : constant[0]) {
        for (float[] px : row) {
          java.util.Arrays.fill(px, 0.25f);
        }
      }
      point[0][4][4][1] = 1f;
      float[] c = g.run(GaussianBlur.apply(g.tf, g.tf.constant(constant), 1.0, 64));
      for (float v : c) {
        assertThat(v).isCloseTo(0.25f, within(1e-6f));
      }
      float[] p = g.run(GaussianBlur.apply(g.tf, g.tf.constant(point), 1.0, 64));
      double sum = 0;
      for (float v : p) {
        sum += v;
      }
      assertThat(sum).isCloseTo(1.0, within(1e-4));
      int centre = (4 * 9 + 4) * 3 + 1;
      assertThat(p[centre]).isLessThan(0.2f).isGreaterThan(p[centre + 3]);
    }
  }
}
