package dev.t2i.models.convlstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.GeneratorInput;
import dev.t2i.api.GeneratorOutput;
import dev.t2i.api.InvalidSettingException;
import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import dev.t2i.api.TextShape;
import dev.t2i.models.GraphRunner;
import dev.t2i.models.dcgan.Conditioning;
import dev.t2i.models.dcgan.DcganGeneratorSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Each of the sentence model's options changes the graph as the report describes: which layers
 * exist, which weights are shared, what batch norm keeps statistics over, and which words D sees.
 */
class SentenceGeneratorTest {
  static final int T = 3;
  static final int B = 2;

  static Stream<Arguments> variants() {
    return Stream.of(
        Arguments.of(Placement.LAST_LAYER, true, true, BatchNormLayout.LENGTH_MAJOR),
        Arguments.of(Placement.LAST_LAYER, false, true, BatchNormLayout.LENGTH_MAJOR),
        Arguments.of(Placement.LAST_LAYER, true, true, BatchNormLayout.BATCH_MAJOR),
        Arguments.of(Placement.PENULTIMATE, true, true, BatchNormLayout.LENGTH_MAJOR),
        Arguments.of(Placement.PENULTIMATE, false, true, BatchNormLayout.BATCH_MAJOR),
        Arguments.of(Placement.OUTPUT, true, true, BatchNormLayout.LENGTH_MAJOR),
        Arguments.of(Placement.LAST_LAYER, true, false, BatchNormLayout.LENGTH_MAJOR),
        Arguments.of(Placement.NONE, true, false, BatchNormLayout.LENGTH_MAJOR));
  }

  @ParameterizedTest(name = "{0}, share {1}, gnn {2}, {3}")
  @MethodSource("variants")
  void theOptionsChangeTheGraph(
      Placement placement, boolean share, boolean gnn, BatchNormLayout layout) {
    try (GraphRunner g = new GraphRunner()) {
      SentenceGenerator gen =
          new SentenceGenerator(
              new SentenceGeneratorSettings(
                  new DcganGeneratorSettings(
                      Conditioning.TEXT, null, null, 4, 32, null, null, null, null, null),
                  share,
                  placement,
                  null,
                  null,
                  layout,
                  gnn),
              Optional.of(GraphRunner.encoderOf(TextShape.sequence(T, 5))));
      Parameters p = Parameters.create(1).scope("G");
      Placeholder<TFloat32> text = g.input("text", -1, T, 5);
      Placeholder<TFloat32> mask = g.input("mask", -1, T);
      GeneratorOutput out = gen.generate(g.tf, p, new GeneratorInput(null, text, mask), Mode.TRAIN);
      // Caption 0 has 3 words, caption 1 has 2.
      Map<Placeholder<TFloat32>, float[]> feeds =
          Map.of(text, GraphRunner.uniform(B * T * 5, 4), mask, new float[] {1, 1, 1, 1, 1, 0});
      assertThat(g.shape(out.images(), feeds)).containsExactly(B, 32, 32, 3);
      assertThat(g.shape(out.fakes(), feeds)).containsExactly(B * T, 32, 32, 3);

      Set<String> names = new TreeSet<>();
      p.trainableVariables().forEach(v -> names.add(v.op().name()));
      assertThat(names.stream().anyMatch(n -> n.startsWith("G_lstm_")))
          .as("ConvLSTM")
          .isEqualTo(placement != Placement.NONE);
      assertThat(names.stream().anyMatch(n -> n.startsWith("G_GNN_")))
          .as("own GNN weights")
          .isEqualTo(!share);
      assertThat(names.stream().anyMatch(n -> n.contains("tail")))
          .isEqualTo(placement == Placement.LAST_LAYER);
      assertThat(names.stream().anyMatch(n -> n.contains("head")))
          .isEqualTo(placement == Placement.PENULTIMATE);
      // The per-word generator's own last layer (to RGB) runs in every placement but method 2.
      assertThat(names.stream().anyMatch(n -> n.startsWith("G_deconv3")))
          .isEqualTo(placement != Placement.PENULTIMATE);
      if (placement == Placement.OUTPUT) {
        // The ConvLSTM's state is the image: its convolutions have 3 output channels per gate.
        assertThat(
                p.trainableVariables().stream()
                    .filter(v -> v.op().name().startsWith("G_lstm"))
                    .map(v -> v.shape().get(v.shape().numDimensions() - 1))
                    .distinct()
                    .toList())
            .contains(12L);
      }

      // Batch norm keeps statistics per word position (length-major) or over all (batch-major).
      long statistics =
          p.stateVariables().stream()
              .filter(v -> v.op().name().endsWith("project_bn_mean"))
              .findFirst()
              .orElseThrow()
              .shape()
              .get(0);
      long channels = 4 * 4; // ngf x 4 at the first layer of a 32 x 32 generator
      assertThat(statistics)
          .isEqualTo(layout == BatchNormLayout.LENGTH_MAJOR ? T * channels : channels);

      // D sees words 1..n-1 (word n is the GNN's), or every word without the GNN.
      float[] weights = g.run(out.fakeWeights(), feeds);
      assertThat(weights)
          .containsExactly(gnn ? new float[] {1, 1, 0, 1, 0, 0} : new float[] {1, 1, 1, 1, 1, 0});
    }
  }

  @org.junit.jupiter.api.Test
  void outputPlacementNeedsThreeFiltersAndNoGnnHasNoSeparateWeights() {
    DcganGeneratorSettings net = DcganGeneratorSettings.defaults();
    assertThatThrownBy(
            () ->
                new SentenceGeneratorSettings(
                    new DcganGeneratorSettings(
                        Conditioning.TEXT, null, null, null, null, null, null, null, null, null),
                    null,
                    Placement.OUTPUT,
                    8,
                    null,
                    null,
                    null))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("filters")
        .hasMessageContaining("must be 3 with placement: output");
    assertThatThrownBy(
            () ->
                new SentenceGeneratorSettings(
                    null, false, Placement.LAST_LAYER, null, null, null, false))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("shareParameters");
    assertThat(net.conditioning()).isEqualTo(Conditioning.PROJECTED);
    assertThat(List.of(Placement.values())).hasSize(4);
  }
}
