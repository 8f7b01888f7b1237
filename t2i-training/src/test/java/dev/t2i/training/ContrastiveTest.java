package dev.t2i.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.Discriminator;
import dev.t2i.api.LossPart;
import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import dev.t2i.runtime.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class ContrastiveTest {
  final PluginRegistry registry = TinyRuns.registry();
  @TempDir Path dir;

  /**
   * λ · mean over images of −log softmax(row)[i mod M], computed here in Java, for M = N and M =
   * N/2.
   */
  @Test
  void theTermIsTheCrossEntropyOfEachImageWithItsOwnCaption() {
    float[] logits = {2f, -1f, 0.5f, 3f, 0f, -2f, 1f, 1f};
    for (int m : new int[] {2, 4}) {
      int n = logits.length / m;
      double expected = 0;
      float[] own = new float[n];
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < m; j++) {
          sum += Math.exp(logits[i * m + j]);
        }
        own[i] = logits[i * m + i % m];
        expected -= own[i] - Math.log(sum);
      }
      expected = 1.5 * expected / n;
      try (Graph graph = new Graph();
          Session s = new Session(graph);
          TFloat32 pairs = TFloat32.tensorOf(Shape.of(n, m), DataBuffers.of(logits))) {
        Ops tf = Ops.create(graph);
        try (Result r =
            s.runner()
                .fetch(Contrastive.term(tf, tf.constantOf(pairs), 1.5))
                .fetch(Contrastive.own(tf, tf.constantOf(pairs)))
                .run()) {
          assertThat(((TFloat32) r.get(0)).getFloat())
              .isCloseTo((float) expected, Offset.offset(1e-5f));
          TFloat32 ownLogits = (TFloat32) r.get(1);
          for (int i = 0; i < n; i++) {
            assertThat(ownLogits.getFloat(i)).isEqualTo(own[i]);
          }
        }
      }
    }
  }

  /**
   * The DCGAN projection discriminator's pair matrix has score() on its diagonal, from the same
   * weights.
   */
  @Test
  void thePairMatrixHoldsEveryScoreOfTheDiscriminator() throws Exception {
    Experiment e =
        Experiment.assemble(TinyRuns.read(projection(dir.resolve("run"), 0), registry), registry);
    Discriminator d = e.discriminator().orElseThrow();
    assertThat(d.scoresPairs()).isTrue();
    SplittableRandom random = new SplittableRandom(3);
    int n = 5;
    int dim = e.encoder().orElseThrow().shape().dimension();
    try (Graph graph = new Graph();
        Session s = new Session(graph);
        TFloat32 images =
            TFloat32.tensorOf(
                Shape.of(n, 32, 32, 3), DataBuffers.of(TinyRuns.uniform(random, n * 32 * 32 * 3)));
        TFloat32 text =
            TFloat32.tensorOf(
                Shape.of(n, dim), DataBuffers.of(TinyRuns.uniform(random, n * dim)))) {
      Ops tf = Ops.create(graph);
      Parameters p = Parameters.create(9).scope("D");
      var pairs = d.scorePairs(tf, p, tf.constantOf(images), tf.constantOf(text), Mode.INFERENCE);
      var scores = d.score(tf, p, tf.constantOf(images), tf.constantOf(text), Mode.INFERENCE);
      s.initialize();
      try (Result r = s.runner().fetch(pairs).fetch(scores).run()) {
        TFloat32 m = (TFloat32) r.get(0);
        TFloat32 diagonal = (TFloat32) r.get(1);
        assertThat(m.shape().asArray()).containsExactly(n, n);
        float spread = 0;
        for (int i = 0; i < n; i++) {
          assertThat(m.getFloat(i, i)).isCloseTo(diagonal.getFloat(i), Offset.offset(1e-4f));
          spread += Math.abs(m.getFloat(i, (i + 1) % n) - m.getFloat(i, i));
        }
        assertThat(spread).as("other captions score differently").isGreaterThan(1e-4f);
      }
    }
  }

  /**
   * Both terms are in the graph, a step trains on them, and with real images and captions shuffled
   * apart the discriminator's term is near log N; after steps on fixed pairs it falls.
   */
  @Test
  void trainingLowersTheDiscriminatorsTermOnFixedPairs() throws Exception {
    for (boolean modeSeeking : new boolean[] {false, true}) {
      Experiment e =
          Experiment.assemble(
              TinyRuns.read(
                  projection(dir.resolve("run" + modeSeeking), modeSeeking ? 1 : 0), registry),
              registry);
      try (Graph graph = new Graph()) {
        TrainingGraph g = TrainingGraph.of(graph, e);
        assertThat(g.losses().parts())
            .containsKeys(LossPart.discriminator("contrastive"), LossPart.generator("contrastive"));
        try (Session s = new Session(graph)) {
          s.initialize();
          float first = step(s, g, true)[0];
          assertThat(first).as("untrained: about log 8 = 2.08").isBetween(1.5f, 2.7f);
          for (int i = 0; i < 30; i++) {
            step(s, g, true);
          }
          float[] last = step(s, g, false);
          assertThat(last[0]).as("mode seeking %s", modeSeeking).isLessThan(first * 0.7f);
          assertThat(last[1]).isFinite().isPositive();
        }
      }
    }
  }

  @Test
  void aDiscriminatorThatReadsTheTextEarlyIsRefused() {
    assertThatThrownBy(
            () ->
                Experiment.assemble(
                    TinyRuns.read(
                        TinyRuns.gan(dir.resolve("p"), 2, 2)
                            .replace("  threads: 1\n", "  threads: 1\n  contrastive: 1\n"),
                        registry),
                    registry))
        .hasMessageContaining("training.contrastive")
        .hasMessageContaining("inner-product");
  }

  @Test
  void randomRealImagesAreRefused() {
    assertThatThrownBy(
            () ->
                TinyRuns.read(
                    projection(dir.resolve("r"), 0)
                        .replace("  threads: 1\n", "  threads: 1\n  discriminatorReals: random\n"),
                    registry))
        .hasMessageContaining("contrastive")
        .hasMessageContaining("discriminatorReals: own");
  }

  /** The tiny GAN with an inner-product discriminator and {@code contrastive: 1}. */
  private static String projection(Path output, double modeSeeking) {
    return TinyRuns.gan(output, 2, 2)
        .replace(
            "discriminator: {type: dcgan, ndf: 4, textProjection: 4}",
            "discriminator: {type: dcgan, ndf: 4, text: inner-product}")
        .replace(
            "loss: {type: gan, matchingAware: true, blurredFakes: 1.0}",
            "loss: {type: gan, matchingAware: true}")
        .replace(
            "  threads: 1\n",
            "  threads: 1\n  contrastive: 1\n  modeSeeking: " + modeSeeking + "\n");
  }

  /**
   * One run on a fixed batch (seed 1): the discriminator's and generator's terms, with both updates
   * when {@code train}.
   */
  private static float[] step(Session s, TrainingGraph g, boolean train) {
    List<TFloat32> fed = new ArrayList<>();
    try {
      Session.Runner r =
          TinyRuns.feedRandom(s.runner(), g, 8, new SplittableRandom(1), (name, v) -> {}, fed);
      if (train) {
        r.addTarget(g.discriminatorStep().orElseThrow()).addTarget(g.generatorStep());
      }
      try (Result res =
          r.fetch(g.losses().parts().get(LossPart.discriminator("contrastive")))
              .fetch(g.losses().parts().get(LossPart.generator("contrastive")))
              .run()) {
        return new float[] {((TFloat32) res.get(0)).getFloat(), ((TFloat32) res.get(1)).getFloat()};
      }
    } finally {
      fed.forEach(TFloat32::close);
    }
  }
}
