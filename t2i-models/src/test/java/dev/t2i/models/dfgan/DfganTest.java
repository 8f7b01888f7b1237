package dev.t2i.models.dfgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.t2i.api.GeneratorInput;
import dev.t2i.api.GeneratorOutput;
import dev.t2i.api.LossInputs;
import dev.t2i.api.LossPart;
import dev.t2i.api.LossTerms;
import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import dev.t2i.api.TextShape;
import dev.t2i.models.GraphRunner;
import dev.t2i.models.layers.Upsampling;
import dev.t2i.models.losses.HingeLoss;
import dev.t2i.models.losses.HingeLossSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

@Timeout(120)
class DfganTest {
  private static final TextShape POOLED = TextShape.pooled(6);

  private static DfganGenerator generator(int ngf) {
    return generator(ngf, Upsampling.NEAREST);
  }

  private static DfganGenerator generator(int ngf, Upsampling upsampling) {
    return new DfganGenerator(new DfganGeneratorSettings(5, 4, ngf, 32, null, upsampling), POOLED);
  }

  @Test
  void generatorDrawsWithoutTransposedConvolutionsAndEveryNoiseVectorDrawsAnotherImage() {
    try (GraphRunner g = new GraphRunner()) {
      Parameters p = Parameters.create(3).scope("G");
      Placeholder<TFloat32> z = g.input("z", -1, 5);
      Placeholder<TFloat32> t = g.input("t", -1, 6);
      GeneratorOutput out =
          generator(4).generate(g.tf, p, new GeneratorInput(z, t, null), Mode.TRAIN);
      float[] text = GraphRunner.uniform(6, 1);
      float[] twice = new float[12];
      System.arraycopy(text, 0, twice, 0, 6);
      System.arraycopy(text, 0, twice, 6, 6);
      float[] noise = GraphRunner.uniform(10, 2);
      assertThat(g.shape(out.images(), Map.of(z, noise, t, twice))).containsExactly(2, 32, 32, 3);
      float[] images = g.run(out.images(), Map.of(z, noise, t, twice));
      int n = 32 * 32 * 3;
      double difference = 0;
      for (int i = 0; i < n; i++) {
        assertThat(images[i]).isBetween(-1f, 1f);
        difference += Math.abs(images[i] - images[n + i]);
      }
      // One caption, two noise vectors: two images (the noise feeds the first layer and every
      // fusion).
      assertThat(difference / n).isGreaterThan(1e-3);
      // No batch normalisation: an image does not depend on the rest of its batch.
      float[] alone = g.run(out.images(), Map.of(z, Arrays.copyOf(noise, 5), t, text));
      for (int i = 0; i < n; i++) {
        assertThat(alone[i]).isCloseTo(images[i], within(1e-5f));
      }
      List<String> types = new ArrayList<>();
      g.graph.operations().forEachRemaining(o -> types.add(o.type()));
      assertThat(types).doesNotContain("Conv2DBackpropInput").contains("ResizeNearestNeighbor");
    }
  }

  @Test
  void everyGeneratorWeightGetsAGradientWithEitherUpsampling() {
    for (Upsampling how : List.of(Upsampling.NEAREST, Upsampling.BILINEAR)) {
      try (GraphRunner g = new GraphRunner()) {
        Parameters p = Parameters.create(3).scope("G");
        Placeholder<TFloat32> z = g.input("z", -1, 5);
        Placeholder<TFloat32> t = g.input("t", -1, 6);
        Operand<TFloat32> images =
            generator(4, how)
                .generate(g.tf, p, new GeneratorInput(z, t, null), Mode.TRAIN)
                .images();
        Operand<TFloat32> loss =
            g.tf.math.mean(
                g.tf.math.square(g.tf.math.sub(images, g.tf.constant(0.3f))),
                g.tf.constant(new int[] {0, 1, 2, 3}));
        List<Variable<TFloat32>> vars = p.trainableVariables();
        Output<?>[] grads =
            g.graph.addGradients(
                "grad_" + how.name(),
                new Output<?>[] {loss.asOutput()},
                vars.stream().map(Variable::asOutput).toArray(Output<?>[]::new),
                null);
        Map<Placeholder<TFloat32>, float[]> feeds =
            Map.of(z, GraphRunner.uniform(40, 4), t, GraphRunner.uniform(48, 5));
        // The affine perceptrons' last layers start at zero (a new block passes its input through),
        // so at
        // the start nothing reaches the text or the first layers; after any update of those last
        // layers
        // everything does. Give them small values, as one training step would.
        for (Variable<TFloat32> v : vars) {
          if (v.op().name().endsWith("_2_w")) {
            long[] shape = v.shape().asArray();
            float[] values = GraphRunner.uniform((int) (shape[0] * shape[1]), shape[0]);
            for (int i = 0; i < values.length; i++) {
              values[i] *= 0.01f;
            }
            var assign = g.tf.assign(v, g.tf.reshape(g.tf.constant(values), g.tf.constant(shape)));
            g.session().runner().addTarget(assign).run();
          }
        }
        List<Operand<TFloat32>> norms = new ArrayList<>();
        for (int i = 0; i < grads.length; i++) {
          assertThat(grads[i]).as(vars.get(i).op().name()).isNotNull();
          @SuppressWarnings("unchecked")
          Operand<TFloat32> gi = (Operand<TFloat32>) grads[i];
          norms.add(
              g.tf.reduceSum(
                  g.tf.math.abs(g.tf.reshape(gi, g.tf.constant(new long[] {-1}))),
                  g.tf.constant(0)));
        }
        float[] norm = g.run(g.tf.stack(norms), feeds);
        for (int i = 0; i < norm.length; i++) {
          assertThat(norm[i]).as(how + " " + vars.get(i).op().name()).isPositive();
        }
      }
    }
  }

  @Test
  void transposedConvolutionsAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new DfganGeneratorSettings(null, null, null, null, null, Upsampling.TRANSPOSED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("upsampling")
        .hasMessageContaining("nearest or bilinear");
  }

  @Test
  void generatorWeightCountFollowsTheBlocks() {
    try (GraphRunner g = new GraphRunner()) {
      Parameters p = Parameters.create(3).scope("G");
      generator(2)
          .generate(
              g.tf,
              p,
              new GeneratorInput(g.input("z", -1, 5), g.input("t", -1, 6), null),
              Mode.INFERENCE);
      int width = 5 + 4;
      long text = 6 * 4 + 4;
      // 32 px: a 4x4 map of 4 ngf = 8 features, three blocks, 8 -> 8 (8x8), 8 -> 4 (16x16), 4 -> 2
      // (32x32), then 2 -> 3 to RGB.
      long project = 5 * 16 * 8 + 16 * 8;
      long blocks = block(8, 8, width) + block(8, 4, width) + block(4, 2, width);
      long rgb = 9 * 2 * 3 + 3;
      assertThat(p.trainableCount()).isEqualTo(text + project + blocks + rgb);
    }
  }

  /**
   * Two fusions (each two affines of two perceptrons), two 3x3 convolutions and a 1x1 shortcut when
   * the width changes.
   */
  private static long block(int in, int out, int width) {
    long affine = 2 * ((long) width * in + in + (long) in * in + in);
    long affineOut = 2 * ((long) width * out + out + (long) out * out + out);
    long shortcut = in == out ? 0 : (long) in * out + out;
    return 2 * affine + 2 * affineOut + (9L * in * out + out) + (9L * out * out + out) + shortcut;
  }

  @Test
  void discriminatorScoresEachImageOnItsOwnAndReadsTheCaption() {
    for (DfganDiscriminatorSettings.TextOutput output :
        DfganDiscriminatorSettings.TextOutput.values()) {
      scoresEachImageOnItsOwnAndReadsTheCaption(output);
    }
  }

  private static void scoresEachImageOnItsOwnAndReadsTheCaption(
      DfganDiscriminatorSettings.TextOutput output) {
    try (GraphRunner g = new GraphRunner()) {
      TextShape words = TextShape.sequence(5, 6);
      DfganDiscriminator d =
          new DfganDiscriminator(new DfganDiscriminatorSettings(4, 4, 2, output), words);
      Parameters p = Parameters.create(5).scope("D");
      Placeholder<TFloat32> x = g.input("x", -1, 32, 32, 3);
      Placeholder<TFloat32> t = g.input("t", -1, 5, 6);
      Operand<TFloat32> logits = d.score(g.tf, p, x, t, Mode.TRAIN);
      float[] images = GraphRunner.uniform(2 * 32 * 32 * 3, 7);
      float[] text = GraphRunner.uniform(2 * 30, 8);
      float[] both = g.run(logits, Map.of(x, images, t, text));
      assertThat(both).hasSize(2);
      float[] first =
          g.run(logits, Map.of(x, Arrays.copyOf(images, 32 * 32 * 3), t, Arrays.copyOf(text, 30)));
      assertThat(first[0]).isCloseTo(both[0], within(1e-4f));
      float[] otherCaption = Arrays.copyOfRange(text, 30, 60);
      float[] swapped =
          g.run(logits, Map.of(x, Arrays.copyOf(images, 32 * 32 * 3), t, otherCaption));
      assertThat(Math.abs(swapped[0] - first[0])).isGreaterThan(1e-4f);
    }
  }

  @Test
  void hingeTermsAreDfGans() {
    try (GraphRunner g = new GraphRunner()) {
      HingeLoss loss = new HingeLoss(new HingeLossSettings(true, 0.0, null));
      LossInputs in =
          new LossInputs(
              g.tf.constant(new float[] {2f, 0.5f}),
              g.tf.constant(new float[] {-2f, 0f}),
              null,
              g.tf.constant(new float[] {0.5f}),
              null,
              GeneratorOutput.of(g.tf.constant(new float[1][1][1][3])),
              null);
      LossTerms terms = loss.compute(g.tf, in);
      // real: mean(max(0, 1 - 2), max(0, 1 - 0.5)) = 0.25; fake: mean(0, 1) = 0.5; mismatched: 1.5.
      assertThat(g.run(terms.discriminator())[0])
          .isCloseTo(0.25f + 0.5f * (0.5f + 1.5f), within(1e-6f));
      assertThat(g.run(terms.generator())[0]).isCloseTo(1f, within(1e-6f));
      assertThat(terms.parts()).doesNotContainKey(LossPart.discriminator("gradient_penalty"));
    }
  }

  /**
   * The penalty's value against finite differences of D on its inputs, and its gradient for a
   * weight of D (the second-order path) against finite differences in that weight.
   */
  @Test
  void gradientPenaltyMatchesFiniteDifferencesToSecondOrder() {
    for (DfganDiscriminatorSettings.TextOutput output :
        DfganDiscriminatorSettings.TextOutput.values()) {
      penaltyMatchesFiniteDifferences(output);
    }
  }

  private static void penaltyMatchesFiniteDifferences(
      DfganDiscriminatorSettings.TextOutput output) {
    try (GraphRunner g = new GraphRunner()) {
      DfganDiscriminator d =
          new DfganDiscriminator(
              new DfganDiscriminatorSettings(2, 3, 1, output), TextShape.pooled(3));
      Parameters p = Parameters.create(11).scope("D");
      Placeholder<TFloat32> x = g.input("x", -1, 8, 8, 3);
      Placeholder<TFloat32> t = g.input("t", -1, 3);
      Operand<TFloat32> logits = d.score(g.tf, p, x, t, Mode.TRAIN);
      Operand<TFloat32> zero = g.tf.constant(new float[] {0f});
      LossInputs in =
          new LossInputs(logits, zero, null, zero, null, GeneratorOutput.of(x), x, x, t);
      Operand<TFloat32> squared =
          new HingeLoss(new HingeLossSettings(true, 1.0, 2.0))
              .compute(g.tf, in)
              .parts()
              .get(LossPart.discriminator("gradient_penalty"));
      Operand<TFloat32> sixth =
          new HingeLoss(new HingeLossSettings(true, 1.0, 6.0))
              .compute(g.tf, in)
              .parts()
              .get(LossPart.discriminator("gradient_penalty"));
      Variable<TFloat32> gamma =
          p.trainableVariables().stream()
              .filter(v -> v.op().name().equals("D_block1_gamma"))
              .findFirst()
              .orElseThrow();
      Placeholder<TFloat32> gammaValue = g.tf.placeholder(TFloat32.class);
      var setGamma = g.tf.assign(gamma, gammaValue);
      Output<?> gradGamma =
          g.graph
              .addGradients(
                  "check",
                  new Output<?>[] {squared.asOutput()},
                  new Output<?>[] {gamma.asOutput()},
                  new Output<?>[] {g.tf.constant(1f).asOutput()})[0];

      float[] image = GraphRunner.uniform(8 * 8 * 3, 21);
      float[] text = GraphRunner.uniform(3, 22);
      setGamma(g, setGamma, gammaValue, 0.7f);
      double numeric = 0;
      double h = 1e-2;
      float[] all = concat(image, text);
      for (int i = 0; i < all.length; i++) {
        float[] up = all.clone();
        float[] down = all.clone();
        up[i] += (float) h;
        down[i] -= (float) h;
        double dy = (score(g, logits, x, t, up) - score(g, logits, x, t, down)) / (2 * h);
        numeric += dy * dy;
      }
      Map<Placeholder<TFloat32>, float[]> feeds = Map.of(x, image, t, text);
      assertThat((double) g.run(squared, feeds)[0]).isCloseTo(numeric, within(2e-2 * numeric));
      assertThat((double) g.run(sixth, feeds)[0])
          .isCloseTo(Math.pow(numeric, 3), within(6e-2 * Math.pow(numeric, 3)));

      @SuppressWarnings("unchecked")
      float analytic = g.run((Operand<TFloat32>) gradGamma, feeds)[0];
      float e = 1e-3f;
      setGamma(g, setGamma, gammaValue, 0.7f + e);
      double plus = g.run(squared, feeds)[0];
      setGamma(g, setGamma, gammaValue, 0.7f - e);
      double minus = g.run(squared, feeds)[0];
      double fd = (plus - minus) / (2 * e);
      assertThat(Math.abs(fd)).isGreaterThan(1e-4);
      assertThat((double) analytic).isCloseTo(fd, within(3e-2 * Math.abs(fd) + 1e-5));
    }
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static double score(
      GraphRunner g,
      Operand<TFloat32> logits,
      Placeholder<TFloat32> x,
      Placeholder<TFloat32> t,
      float[] all) {
    float[] image = Arrays.copyOf(all, 8 * 8 * 3);
    float[] text = Arrays.copyOfRange(all, 8 * 8 * 3, all.length);
    return g.run(logits, Map.of(x, image, t, text))[0];
  }

  private static void setGamma(
      GraphRunner g,
      org.tensorflow.op.core.Assign<TFloat32> assign,
      Placeholder<TFloat32> value,
      float v) {
    try (TFloat32 scalar = TFloat32.scalarOf(v)) {
      g.session().runner().feed(value, scalar).addTarget(assign).run();
    }
  }
}
