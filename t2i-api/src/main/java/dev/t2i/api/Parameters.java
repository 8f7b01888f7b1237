package dev.t2i.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Initializer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The variables of the networks in one graph, named under flat prefixes ({@code G_fc_w}).
 *
 * <p>A {@code Parameters} is a view of a shared store with a name prefix. Asking twice for the same
 * name returns the same variable, which is how a network is applied several times with shared
 * weights: pass the same {@code Parameters} again. Pass a different scope for separate weights.
 * Checkpoint keys are these names, so keep them stable.
 *
 * <p>Initial values are stateless random draws seeded from the store's seed and the variable's
 * name: the same seed and names give the same initial weights on every machine.
 *
 * <p>Not thread-safe: build a graph from one thread.
 */
public final class Parameters {
  private final Store store;
  private final String prefix;

  private Parameters(Store store, String prefix) {
    this.store = store;
    this.prefix = prefix;
  }

  /**
   * A new, empty store whose initial values derive from {@code seed}; layers compute in float32.
   */
  public static Parameters create(long seed) {
    return create(seed, Precision.FLOAT32);
  }

  /** A new, empty store whose layers compute their products in {@code precision}. */
  public static Parameters create(long seed, Precision precision) {
    return new Parameters(new Store(seed, Checks.required("precision", precision)), "");
  }

  /** What the layers built on this store compute their convolutions and matrix products in. */
  public Precision precision() {
    return store.precision;
  }

  /** The view of the same store under {@code prefix + name + "_"}. */
  public Parameters scope(String name) {
    if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException(
          "a parameter scope is letters and digits (flat names suit Adam's slots), was '"
              + name
              + "'");
    }
    return new Parameters(store, prefix + name + "_");
  }

  /** The prefix of every variable of this view, such as {@code "G_"}. */
  public String prefix() {
    return prefix;
  }

  /** The seed of the whole store. */
  public long seed() {
    return store.seed;
  }

  /**
   * A seed for the variable {@code name} of this view: a function of the store's seed and the full
   * name only.
   */
  public long seedFor(String name) {
    CRC32 crc = new CRC32();
    crc.update((prefix + name).getBytes(StandardCharsets.UTF_8));
    return store.seed * 0x9E3779B97F4A7C15L + crc.getValue();
  }

  /**
   * The trainable variable {@code name}, created with {@code init} on first use.
   *
   * @throws IllegalStateException if it exists with another shape
   */
  public Variable<TFloat32> trainable(
      Ops tf, String name, Shape shape, Initializer<TFloat32> init) {
    return variable(tf, name, shape, init, true);
  }

  /**
   * A non-trainable variable, such as a moving average of batch normalisation, created filled with
   * {@code value} on first use. It is saved in checkpoints but no optimizer updates it.
   */
  public Variable<TFloat32> state(Ops tf, String name, Shape shape, float value) {
    return variable(
        tf, name, shape, (ops, dims, type) -> ops.fill(dims, ops.constant(value)), false);
  }

  private Variable<TFloat32> variable(
      Ops tf, String name, Shape shape, Initializer<TFloat32> init, boolean trainable) {
    String fullName = prefix + name;
    Entry existing = store.entries.get(fullName);
    if (existing != null) {
      if (!existing.variable.shape().equals(shape) || existing.trainable != trainable) {
        throw new InvariantViolation(
            String.format(
                "variable %s exists with shape %s (trainable: %s); asked for shape %s (trainable: %s)",
                fullName, existing.variable.shape(), existing.trainable, shape, trainable));
      }
      return existing.variable;
    }
    Ops initOps = tf.withInitScope();
    var value = init.call(initOps, initOps.constant(shape.asArray()), TFloat32.class);
    Variable<TFloat32> variable = tf.withInitScope().withName(fullName).variable(value);
    store.entries.put(fullName, new Entry(variable, trainable));
    return variable;
  }

  /** The trainable variables of this view (its prefix), in creation order. */
  public List<Variable<TFloat32>> trainableVariables() {
    return select(true);
  }

  /** The non-trainable variables of this view (its prefix), in creation order. */
  public List<Variable<TFloat32>> stateVariables() {
    return select(false);
  }

  private List<Variable<TFloat32>> select(boolean trainable) {
    List<Variable<TFloat32>> out = new ArrayList<>();
    for (Map.Entry<String, Entry> e : store.entries.entrySet()) {
      if (e.getKey().startsWith(prefix) && e.getValue().trainable == trainable) {
        out.add(e.getValue().variable);
      }
    }
    return out;
  }

  /** Number of scalar weights in the trainable variables of this view. */
  public long trainableCount() {
    long n = 0;
    for (Variable<TFloat32> v : trainableVariables()) {
      n += Arrays.stream(v.shape().asArray()).reduce(1L, (a, b) -> a * b);
    }
    return n;
  }

  /**
   * Records an op that a training step must run, such as a moving-average update. Layers built in
   * {@link Mode#TRAIN} call this; the trainer runs the updates of the applications it chooses.
   */
  public void recordUpdate(Op update) {
    store.updates.add(new Recorded<>(prefix, update));
  }

  /** The updates recorded under this view's prefix so far, in order. */
  public List<Op> updates() {
    return underPrefix(store.updates);
  }

  /**
   * Records a scalar that training adds to the loss of the network that owns this view, such as the
   * KL term of conditioning augmentation. Layers built in {@link Mode#TRAIN} call this.
   */
  public void recordPenalty(Operand<TFloat32> penalty) {
    store.penalties.add(new Recorded<>(prefix, penalty));
  }

  /** The penalties recorded under this view's prefix so far, in order. */
  public List<Operand<TFloat32>> penalties() {
    return underPrefix(store.penalties);
  }

  private <T> List<T> underPrefix(List<Recorded<T>> all) {
    List<T> out = new ArrayList<>();
    for (Recorded<T> r : all) {
      if (r.prefix.startsWith(prefix)) {
        out.add(r.value);
      }
    }
    return Collections.unmodifiableList(out);
  }

  private record Entry(Variable<TFloat32> variable, boolean trainable) {}

  /** Something a layer recorded under a view's prefix. */
  private record Recorded<T>(String prefix, T value) {}

  private static final class Store {
    final long seed;
    final Precision precision;
    final Map<String, Entry> entries = new LinkedHashMap<>();
    final List<Recorded<Op>> updates = new ArrayList<>();
    final List<Recorded<Operand<TFloat32>>> penalties = new ArrayList<>();

    Store(long seed, Precision precision) {
      this.seed = seed;
      this.precision = precision;
    }
  }
}
