package dev.t2i.models.dcgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.GeneratorInput;
import dev.t2i.api.GeneratorOutput;
import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.models.GraphRunner;
import dev.t2i.models.gnn.GnnGenerator;
import dev.t2i.models.gnn.GnnGeneratorSettings;
import dev.t2i.models.layers.Upsampling;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class DcganTest {
  static TextEncoder encoder(TextShape shape) {
    return GraphRunner.encoderOf(shape);
  }

  static final Optional<TextEncoder> TEXT6 = Optional.of(encoder(TextShape.pooled(6)));

  @Test
  void generatorMakesImagesInUnitRangeAndOwnsItsVariables() {
    try (GraphRunner g = new GraphRunner()) {
      DcganGenerator gen =
          new DcganGenerator(
              new DcganGeneratorSettings(
                  Conditioning.PROJECTED, 5, 4, 8, 32, null, null, null, null, null),
              TEXT6);
      Parameters p = Parameters.create(1).scope("G");
      Placeholder<TFloat32> z = g.input("z", -1, 5);
      Placeholder<TFloat32> t = g.input("t", -1, 6);
      Operand<TFloat32> images =
          gen.generate(g.tf, p, new GeneratorInput(z, t, null), Mode.TRAIN).images();
      var feeds = Map.of(z, GraphRunner.uniform(15, 1), t, GraphRunner.uniform(18, 2));
      assertThat(g.shape(images, feeds)).containsExactly(3, 32, 32, 3);
      float[] v = g.run(images, feeds);
      for (float x : v) {
        assertThat(x).isBetween(-1f, 1f);
      }
      assertThat(p.trainableVariables()).allMatch(x -> x.op().name().startsWith("G_"));
      // text 6→4, project (5+4)→16·32, deconv 32→16 (8×8), 16→8 (16×16), 8→3 (32×32), with BN on
      // the first three.
      // Layers followed by batch normalisation have no bias.
      long expected =
          (6 * 4 + 4)
              + (9 * 512 + 512)
              + (4 * 4 * 16 * 32)
              + (4 * 4 * 8 * 16)
              + (4 * 4 * 3 * 8 + 3)
              + 2 * (32 + 16 + 8);
      assertThat(p.trainableCount()).isEqualTo(expected);
      assertThat(p.updates()).hasSize(6);
    }
  }

  @Test
  void resizeUpsamplingHasThreeByThreeWeightsOnly() {
    for (Upsampling how : List.of(Upsampling.NEAREST, Upsampling.BILINEAR)) {
      try (GraphRunner g = new GraphRunner()) {
        DcganGenerator gen =
            new DcganGenerator(
                new DcganGeneratorSettings(
                    Conditioning.PROJECTED, 5, 4, 8, 32, null, null, null, how, null),
                TEXT6);
        Parameters p = Parameters.create(1).scope("G");
        Placeholder<TFloat32> z = g.input("z", -1, 5);
        Placeholder<TFloat32> t = g.input("t", -1, 6);
        Operand<TFloat32> images =
            gen.generate(g.tf, p, new GeneratorInput(z, t, null), Mode.TRAIN).images();
        assertThat(
                g.shape(
                    images, Map.of(z, GraphRunner.uniform(15, 1), t, GraphRunner.uniform(18, 2))))
            .containsExactly(3, 32, 32, 3);
        List<String> types = new java.util.ArrayList<>();
        g.graph.operations().forEachRemaining(o -> types.add(o.type()));
        // Bilinear resizes then convolves; nearest runs its doubling and 3 x 3 convolution as one
        // transposed convolution whose taps are sums of the 3 x 3 weights (UpsamplingTest), so
        // neither has the 4 x 4 transposed weights that draw checkerboards.
        assertThat(types)
            .as(how.name())
            .doesNotContain(
                how == Upsampling.BILINEAR ? "Conv2DBackpropInput" : "ResizeNearestNeighbor");
        // The same widths as the transposed layers, with 3 x 3 kernels: 32->16, 16->8, 8->3.
        long expected =
            (6 * 4 + 4)
                + (9 * 512 + 512)
                + (9 * 32 * 16)
                + (9 * 16 * 8)
                + (9 * 8 * 3 + 3)
                + 2 * (32 + 16 + 8);
        assertThat(p.trainableCount()).isEqualTo(expected);
      }
    }
  }

  @Test
  void nearestOutputLayerBesideTransposedInnerLayers() {
    try (GraphRunner g = new GraphRunner()) {
      DcganGenerator gen =
          new DcganGenerator(
              new DcganGeneratorSettings(
                  Conditioning.PROJECTED, 5, 4, 8, 32, null, null, null, null, Upsampling.NEAREST),
              TEXT6);
      Parameters p = Parameters.create(1).scope("G");
      Placeholder<TFloat32> z = g.input("z", -1, 5);
      Placeholder<TFloat32> t = g.input("t", -1, 6);
      Operand<TFloat32> images =
          gen.generate(g.tf, p, new GeneratorInput(z, t, null), Mode.TRAIN).images();
      assertThat(
              g.shape(images, Map.of(z, GraphRunner.uniform(15, 1), t, GraphRunner.uniform(18, 2))))
          .containsExactly(3, 32, 32, 3);
      List<String> types = new java.util.ArrayList<>();
      g.graph.operations().forEachRemaining(o -> types.add(o.type()));
      // Two transposed inner layers (4 -> 8 -> 16), then a doubling and a 3 x 3 convolution.
      assertThat(types.stream().filter("Conv2DBackpropInput"::equals).count()).isEqualTo(3);
      // The doubling and 3 x 3 convolution run as a third transposed convolution of summed taps.
      assertThat(types).doesNotContain("ResizeNearestNeighbor");
      long expected =
          (6 * 4 + 4)
              + (9 * 512 + 512)
              + (16 * 32 * 16)
              + (16 * 16 * 8)
              + (9 * 8 * 3 + 3)
              + 2 * (32 + 16 + 8);
      assertThat(p.trainableCount()).isEqualTo(expected);
    }
  }

  @Test
  void inferenceUsesMovingAveragesSoEachSampleIsIndependentOfItsBatch() {
    try (GraphRunner g = new GraphRunner()) {
      DcganGenerator gen =
          new DcganGenerator(
              new DcganGeneratorSettings(
                  Conditioning.TEXT, null, null, 8, 32, null, null, null, null, null),
              TEXT6);
      Parameters p = Parameters.create(1).scope("G");
      Placeholder<TFloat32> t = g.input("t", -1, 6);
      Operand<TFloat32> train =
          gen.generate(g.tf, p, new GeneratorInput(null, t, null), Mode.TRAIN).images();
      Operand<TFloat32> infer =
          gen.generate(g.tf, p, new GeneratorInput(null, t, null), Mode.INFERENCE).images();
      float[] two = GraphRunner.uniform(12, 3);
      float[] first = Arrays.copyOf(two, 6);
      int n = 32 * 32 * 3;
      float[] alone = g.run(infer, Map.of(t, first));
      float[] withOther = Arrays.copyOf(g.run(infer, Map.of(t, two)), n);
      assertThat(withOther).containsExactly(alone);
      float[] trainWith = Arrays.copyOf(g.run(train, Map.of(t, two)), n);
      assertThat(trainWith).isNotEqualTo(alone);
    }
  }

  @Test
  void discriminatorAppliedTwiceSharesItsWeights() {
    try (GraphRunner g = new GraphRunner()) {
      DcganDiscriminator d = new DcganDiscriminator(DcganDiscriminatorSettings.defaults(), TEXT6);
      Parameters p = Parameters.create(1).scope("D");
      Placeholder<TFloat32> x = g.input("x", -1, 32, 32, 3);
      Placeholder<TFloat32> t = g.input("t", -1, 6);
      Operand<TFloat32> a = d.score(g.tf, p, x, t, Mode.INFERENCE);
      int count = p.trainableVariables().size();
      Operand<TFloat32> b = d.score(g.tf, p, x, t, Mode.INFERENCE);
      assertThat(p.trainableVariables()).hasSize(count);
      var feeds = Map.of(x, GraphRunner.uniform(2 * 32 * 32 * 3, 4), t, GraphRunner.uniform(12, 5));
      assertThat(g.shape(a, feeds)).containsExactly(2);
      assertThat(g.run(a, feeds)).containsExactly(g.run(b, feeds));
      assertThat(d.conditional()).isTrue();
    }
  }

  @Test
  void innerProductDiscriminatorIsUnconditionalPlusALinearTextTerm() {
    try (GraphRunner g = new GraphRunner()) {
      DcganDiscriminator d =
          new DcganDiscriminator(
              new DcganDiscriminatorSettings(
                  DcganDiscriminatorSettings.TextInput.INNER_PRODUCT, null, 4, null, null),
              TEXT6);
      Parameters p = Parameters.create(3).scope("D");
      Placeholder<TFloat32> x = g.input("x", -1, 32, 32, 3);
      Placeholder<TFloat32> t = g.input("t", -1, 6);
      Operand<TFloat32> logits = d.score(g.tf, p, x, t, Mode.INFERENCE);
      float[] images = GraphRunner.uniform(2 * 32 * 32 * 3, 4);
      float[] text = GraphRunner.uniform(12, 5);
      float[] doubled = new float[12];
      for (int i = 0; i < 12; i++) {
        doubled[i] = 2 * text[i];
      }
      float[] at0 = g.run(logits, Map.of(x, images, t, new float[12]));
      float[] at1 = g.run(logits, Map.of(x, images, t, text));
      float[] at2 = g.run(logits, Map.of(x, images, t, doubled));
      assertThat(at0).hasSize(2);
      for (int i = 0; i < 2; i++) {
        // The text term is linear in the text and zero without it: s(2t) - s(0) = 2 (s(t) - s(0)).
        assertThat(at1[i]).isNotEqualTo(at0[i]);
        assertThat(at2[i] - at0[i])
            .isCloseTo(2 * (at1[i] - at0[i]), org.assertj.core.api.Assertions.within(1e-5f));
      }
      // Every weight gets a gradient that is not zero (Mul and Sum are differentiable here).
      float[] largest =
          g.largestGradients(
              g.tf.reduceSum(logits, g.tf.constant(0)),
              p.trainableVariables(),
              Map.of(x, images, t, text));
      assertThat(largest).hasSize(p.trainableVariables().size());
      for (int i = 0; i < largest.length; i++) {
        assertThat(largest[i]).as(p.trainableVariables().get(i).op().name()).isGreaterThan(0f);
      }
      assertThat(d.conditional()).isTrue();
    }
  }

  @Test
  void minibatchStddevIsZeroForABatchOfEqualImagesAndTellsThemApart() {
    try (GraphRunner g = new GraphRunner()) {
      Placeholder<TFloat32> h = g.input("h", -1, 4, 4, 2);
      Operand<TFloat32> spread = DcganDiscriminator.batchSpread(g.tf, h);
      float[] one = GraphRunner.uniform(32, 7);
      float[] same = new float[96];
      for (int i = 0; i < 3; i++) {
        System.arraycopy(one, 0, same, 32 * i, 32);
      }
      assertThat(g.shape(spread, Map.of(h, same))).containsExactly(3, 4, 4, 1);
      for (float v : g.run(spread, Map.of(h, same))) {
        assertThat(v).isCloseTo(1e-4f, org.assertj.core.api.Assertions.within(1e-6f)); // sqrt(1e-8)
      }
      // Two examples of one feature: the spread is half the difference, wherever the feature sits.
      float[] two = new float[64];
      two[32 + 5] = 2f;
      float expected = (1f / 32) * 1f + (31f / 32) * 1e-4f;
      for (float v : g.run(spread, Map.of(h, two))) {
        assertThat(v).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-5f));
      }
    }
    try (GraphRunner g = new GraphRunner()) {
      DcganDiscriminator d =
          new DcganDiscriminator(new DcganDiscriminatorSettings(null, null, 4, true, null), TEXT6);
      Parameters p = Parameters.create(3).scope("D");
      Operand<TFloat32> logits =
          d.score(g.tf, p, g.input("x", -1, 32, 32, 3), g.input("t", -1, 6), Mode.TRAIN);
      assertThat(
              g.tf.gradients(g.tf.reduceSum(logits, g.tf.constant(0)), p.trainableVariables()).dy())
          .hasSize(p.trainableVariables().size());
    }
  }

  @Test
  void textConditioningNeedsPooledTextFromAnEncoder() {
    assertThatThrownBy(
            () -> new DcganGenerator(DcganGeneratorSettings.defaults(), Optional.empty()))
        .hasMessageContaining("reads text: configure an encoder");
    assertThatThrownBy(
            () ->
                new DcganGenerator(
                    new DcganGeneratorSettings(
                        Conditioning.TEXT, null, null, null, null, null, null, null, null, null),
                    Optional.of(encoder(TextShape.sequence(25, 6)))))
        .hasMessageContaining(
            "with conditioning text reads one vector per caption, but the encoder gives a sequence of 25");
    assertThat(
            new DcganGenerator(
                    new DcganGeneratorSettings(
                        Conditioning.NOISE, null, null, null, null, null, null, null, null, null),
                    Optional.empty())
                .textShape())
        .isNull();
    assertThatThrownBy(
            () ->
                new DcganGeneratorSettings(
                    Conditioning.TEXT, 100, null, null, null, null, null, null, null, null))
        .hasMessageContaining("noiseDimension must be 0 when conditioning is text");
    assertThatThrownBy(
            () ->
                new DcganGeneratorSettings(
                    null, null, null, null, 48, null, null, null, null, null))
        .hasMessageContaining("imageSize must be one of [32, 64, 128]");
  }

  @Test
  void projectedGeneratorAndDiscriminatorReadWordSequencesInOrder() {
    Optional<TextEncoder> words = Optional.of(encoder(TextShape.sequence(3, 6)));
    float[] caption = GraphRunner.uniform(18, 11);
    float[] reversed = new float[18];
    for (int s = 0; s < 3; s++) {
      System.arraycopy(caption, s * 6, reversed, (2 - s) * 6, 6);
    }
    try (GraphRunner g = new GraphRunner()) {
      DcganGenerator gen =
          new DcganGenerator(
              new DcganGeneratorSettings(
                  Conditioning.PROJECTED, 5, 4, 8, 32, 2, null, null, null, null),
              words);
      assertThat(gen.textShape()).isEqualTo(TextShape.sequence(3, 6));
      Parameters p = Parameters.create(1).scope("G");
      Placeholder<TFloat32> z = g.input("z", -1, 5);
      Placeholder<TFloat32> t = g.input("t", -1, 3, 6);
      Operand<TFloat32> images =
          gen.generate(g.tf, p, new GeneratorInput(z, t, null), Mode.INFERENCE).images();
      float[] noise = GraphRunner.uniform(5, 12);
      assertThat(g.shape(images, Map.of(z, noise, t, caption))).containsExactly(1, 32, 32, 3);
      // The same words in another order draw another image (a mean of the vectors would not).
      assertThat(g.run(images, Map.of(z, noise, t, caption)))
          .isNotEqualTo(g.run(images, Map.of(z, noise, t, reversed)));
      // Phrase weights [2, 1, 6, 4] + bias in place of the dense text layer.
      assertThat(p.trainableVariables()).anyMatch(v -> v.op().name().equals("G_text_phrases_w"));
      assertThat(p.trainableCount())
          .isEqualTo(
              new DcganTestCount()
                      .count(
                          new DcganGeneratorSettings(
                              Conditioning.PROJECTED, 5, 4, 8, 32, 2, null, null, null, null))
                  - (6 * 4 + 4)
                  + (2 * 6 * 4 + 4));
    }
    try (GraphRunner g = new GraphRunner()) {
      DcganDiscriminator d =
          new DcganDiscriminator(
              new DcganDiscriminatorSettings(
                  DcganDiscriminatorSettings.TextInput.INNER_PRODUCT, 5, 4, true, 2),
              words);
      Parameters p = Parameters.create(3).scope("D");
      Placeholder<TFloat32> x = g.input("x", -1, 32, 32, 3);
      Placeholder<TFloat32> t = g.input("t", -1, 3, 6);
      Operand<TFloat32> logits = d.score(g.tf, p, x, t, Mode.INFERENCE);
      float[] image = GraphRunner.uniform(32 * 32 * 3, 13);
      assertThat(g.run(logits, Map.of(x, image, t, caption)))
          .hasSize(1)
          .isNotEqualTo(g.run(logits, Map.of(x, image, t, reversed)));
      assertThat(
              g.tf.gradients(g.tf.reduceSum(logits, g.tf.constant(0)), p.trainableVariables()).dy())
          .hasSize(p.trainableVariables().size());
      assertThat(p.trainableVariables()).anyMatch(v -> v.op().name().equals("D_text_phrases_w"));
    }
  }

  @Test
  void wordAttentionAddsItsTwoConvolutionsAndNeedsWordSequences() {
    var attending =
        new DcganGeneratorSettings(Conditioning.PROJECTED, 5, 4, 8, 32, 2, null, true, null, null);
    var plain =
        new DcganGeneratorSettings(Conditioning.PROJECTED, 5, 4, 8, 32, 2, null, null, null, null);
    TextShape words = TextShape.sequence(3, 6);
    try (GraphRunner g = new GraphRunner()) {
      DcganGenerator gen = new DcganGenerator(attending, words);
      Parameters p = Parameters.create(1).scope("G");
      Placeholder<TFloat32> z = g.input("z", -1, 5);
      Placeholder<TFloat32> t = g.input("t", -1, 3, 6);
      Operand<TFloat32> images =
          gen.generate(g.tf, p, new GeneratorInput(z, t, null), Mode.INFERENCE).images();
      assertThat(
              g.shape(images, Map.of(z, GraphRunner.uniform(10, 3), t, GraphRunner.uniform(36, 4))))
          .containsExactly(2, 32, 32, 3);
      // The query (1x1, ngf -> textProjection, no bias) and the output (1x1, textProjection -> ngf,
      // bias) at 16x16.
      assertThat(p.trainableCount())
          .isEqualTo(
              new DcganTestCount().count(plain)
                  - (6 * 4 + 4)
                  + (2 * 6 * 4 + 4)
                  + 8 * 4
                  + 4 * 8
                  + 8);
    }
    assertThatThrownBy(() -> new DcganGenerator(attending, TEXT6))
        .hasMessageContaining("wordAttention")
        .hasMessageContaining("word2vec-sequence");
    assertThatThrownBy(
            () ->
                new DcganGeneratorSettings(
                    Conditioning.TEXT, null, null, null, null, null, null, true, null, null))
        .hasMessageContaining("wordAttention needs conditioning projected");
  }

  @Test
  void gnnSharesWeightsOrKeepsItsOwn() {
    for (boolean share : new boolean[] {true, false}) {
      try (GraphRunner g = new GraphRunner()) {
        var network =
            new DcganGeneratorSettings(
                Conditioning.PROJECTED, 5, 4, 8, 32, null, null, null, null, null);
        GnnGenerator gnn = new GnnGenerator(new GnnGeneratorSettings(network, share), TEXT6);
        Parameters p = Parameters.create(1).scope("G");
        Placeholder<TFloat32> z = g.input("z", -1, 5);
        Placeholder<TFloat32> t = g.input("t", -1, 6);
        GeneratorOutput out = gnn.generate(g.tf, p, new GeneratorInput(z, t, null), Mode.INFERENCE);
        long plain = new DcganTestCount().count(network);
        assertThat(p.trainableCount()).isEqualTo(share ? plain : 2 * plain);
        assertThat(p.trainableVariables())
            .anyMatch(v -> v.op().name().startsWith(share ? "G_project" : "G_GNN_project"));
        // The Euclidean branch ignores the noise: the same caption gives the same image.
        float[] text = GraphRunner.uniform(6, 7);
        float[] a = g.run(out.images(), Map.of(z, GraphRunner.uniform(5, 8), t, text));
        float[] b = g.run(out.images(), Map.of(z, GraphRunner.uniform(5, 9), t, text));
        assertThat(a).containsExactly(b);
        float[] fa = g.run(out.fakes(), Map.of(z, GraphRunner.uniform(5, 8), t, text));
        float[] fb = g.run(out.fakes(), Map.of(z, GraphRunner.uniform(5, 9), t, text));
        assertThat(fa).isNotEqualTo(fb);
      }
    }
    try (GraphRunner g = new GraphRunner()) {
      GnnGenerator gnn = new GnnGenerator(new GnnGeneratorSettings(null, true), TEXT6);
      Placeholder<TFloat32> t = g.input("t", -1, 6);
      GeneratorOutput out =
          gnn.generate(
              g.tf, Parameters.create(1).scope("G"), new GeneratorInput(null, t, null), Mode.TRAIN);
      assertThat(out.fakesAreImages()).isTrue();
    }
  }

  /** The trainable weights of one generator network, counted by building it alone. */
  static final class DcganTestCount {
    long count(DcganGeneratorSettings s) {
      try (GraphRunner g = new GraphRunner()) {
        Parameters p = Parameters.create(1).scope("X");
        new DcganGenerator(s, TEXT6)
            .generate(
                g.tf,
                p,
                new GeneratorInput(g.input("z", -1, s.noiseDimension()), g.input("t", -1, 6), null),
                Mode.TRAIN);
        return p.trainableCount();
      }
    }
  }
}
