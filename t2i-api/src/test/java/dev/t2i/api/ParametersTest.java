package dev.t2i.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.initializers.TruncatedNormal;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Runs real TensorFlow graphs: the native library loads and gradients flow. */
class ParametersTest {

  private static float[] values(Session s, Operand<TFloat32> x) {
    try (Result r = s.runner().fetch(x).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[(int) t.size()];
      t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
      return out;
    }
  }

  @Test
  void sameNameIsTheSameVariableAndScopesSeparateThem() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters root = Parameters.create(7);
      Parameters gen = root.scope("G");
      Variable<TFloat32> a = gen.trainable(tf, "w", Shape.of(2, 3), new TruncatedNormal<>(0, 1, 1));
      Variable<TFloat32> b = gen.trainable(tf, "w", Shape.of(2, 3), new TruncatedNormal<>(0, 1, 1));
      Variable<TFloat32> c =
          root.scope("D").trainable(tf, "w", Shape.of(2, 3), new TruncatedNormal<>(0, 1, 1));
      gen.state(tf, "mean", Shape.of(3), 0f);

      assertThat(b).isSameAs(a);
      assertThat(c).isNotSameAs(a);
      assertThat(a.op().name()).isEqualTo("G_w");
      assertThat(c.op().name()).isEqualTo("D_w");
      assertThat(gen.trainableVariables()).containsExactly(a);
      assertThat(gen.stateVariables()).hasSize(1);
      assertThat(root.trainableVariables()).containsExactly(a, c);
      assertThat(gen.trainableCount()).isEqualTo(6);
      assertThatThrownBy(
              () -> gen.trainable(tf, "w", Shape.of(3, 3), new TruncatedNormal<>(0, 1, 1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("G_w exists with shape [2, 3]");
    }
  }

  @Test
  void seedsAreAFunctionOfStoreSeedAndFullName() {
    Parameters p = Parameters.create(3);
    assertThat(p.scope("G").seedFor("w")).isEqualTo(Parameters.create(3).scope("G").seedFor("w"));
    assertThat(p.scope("G").seedFor("w")).isNotEqualTo(p.scope("D").seedFor("w"));
    assertThat(p.seedFor("G_w")).isEqualTo(p.scope("G").seedFor("w"));
    assertThat(Parameters.create(4).scope("G").seedFor("w"))
        .isNotEqualTo(p.scope("G").seedFor("w"));
  }

  @Test
  void gradientStepOnAVariableReducesASquaredLoss() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters p = Parameters.create(1).scope("M");
      Variable<TFloat32> w =
          p.trainable(tf, "w", Shape.of(4), new TruncatedNormal<>(0, 1, p.seedFor("w")));
      Operand<TFloat32> loss =
          tf.math.mean(
              tf.math.square(tf.math.sub(w, tf.constant(new float[] {1, 2, 3, 4}))),
              tf.constant(0));
      Output<?>[] grads = g.addGradients(loss.asOutput(), new Output<?>[] {w.asOutput()});
      @SuppressWarnings("unchecked")
      Operand<TFloat32> grad = (Output<TFloat32>) grads[0];
      var step = tf.assignSub(w, tf.math.mul(grad, tf.constant(1.0f)));
      try (Session s = new Session(g)) {
        s.initialize();
        float before = values(s, loss)[0];
        for (int i = 0; i < 20; i++) {
          s.runner().addTarget(step).run();
        }
        float after = values(s, loss)[0];
        assertThat(before).isGreaterThan(1f);
        // d(mean sq)/dw = (w - t)/2: with lr 1 the error halves each step, the loss quarters.
        assertThat((double) after)
            .isCloseTo(
                before * Math.pow(0.25, 20), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(values(s, w))
            .containsExactly(new float[] {1, 2, 3, 4}, org.assertj.core.data.Offset.offset(1e-2f));
      }
    }
  }

  @Test
  void initialValuesAreReproducibleForASeed() {
    float[][] runs = new float[2][];
    for (int r = 0; r < 2; r++) {
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        Parameters p = Parameters.create(11).scope("G");
        Variable<TFloat32> w =
            p.trainable(tf, "w", Shape.of(5), new TruncatedNormal<>(0, 1, p.seedFor("w")));
        try (Session s = new Session(g)) {
          s.initialize();
          runs[r] = values(s, w);
        }
      }
    }
    assertThat(runs[0]).containsExactly(runs[1]);
    assertThat(runs[0][0]).isNotEqualTo(runs[0][1]);
  }

  @Test
  void updatesAreRecordedUnderTheirPrefix() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters root = Parameters.create(1);
      var x = root.scope("G").state(tf, "m", Shape.of(1), 0f);
      root.scope("G").recordUpdate(tf.assign(x, tf.constant(new float[] {1})));
      assertThat(root.scope("G").updates()).hasSize(1);
      assertThat(root.scope("D").updates()).isEmpty();
      assertThat(root.updates()).hasSize(1);
      assertThat(List.copyOf(root.updates())).hasSize(1);
    }
  }

  @Test
  void penaltiesAreRecordedUnderTheirPrefixInOrder() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters root = Parameters.create(1);
      Operand<TFloat32> first = tf.constant(1f);
      Operand<TFloat32> second = tf.constant(2f);
      Operand<TFloat32> other = tf.constant(3f);
      root.scope("G").recordPenalty(first);
      root.scope("D").recordPenalty(other);
      root.scope("G").scope("ca").recordPenalty(second);
      assertThat(root.scope("G").penalties()).containsExactly(first, second);
      assertThat(root.scope("D").penalties()).containsExactly(other);
      assertThat(root.penalties()).hasSize(3);
      assertThat(root.scope("G").updates()).isEmpty();
    }
  }
}
