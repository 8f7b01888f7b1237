package dev.t2i.bench.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DJL peer of t2i's training step (bench/train-step.sh): the DCGAN-64 or GAN-CLS-64 step of
 * bench/torch_train_step.py, written as a DJL user would, on the official PyTorch (libtorch with
 * oneDNN) through DJL's PyTorch engine: DJL's functional convolution, batch norm, linear and
 * activation operators, DJL's sigmoid cross-entropy loss, DJL's Adam, and DJL's gradient collector.
 *
 * <p>DJL's PyTorch engine has no transposed convolution, so the generator's four transposed
 * convolutions call libtorch's own {@code conv_transpose2d} (the kernel {@code
 * torch.nn.ConvTranspose2d} runs) through a one-line TorchScript module, with the weights kept as
 * ordinary DJL parameters.
 *
 * <p>One step: G forward once; the discriminator's update on real images, the detached fakes (and
 * real images with mismatched text for {@code gan-cls}); then the generator's update through the
 * updated discriminator. Fixed random tensors, as in the PyTorch peer.
 *
 * <p>Usage: {@code DjlTrainStep dcgan|gan-cls BATCH STEPS WARMUP CONV_TRANSPOSE_MODULE.pt}. Threads
 * come from {@code -Dai.djl.pytorch.num_threads} and {@code -Dai.djl.pytorch.num_interop_threads}.
 * Prints {@code step_seconds = MEDIAN} and the parameter counts.
 */
public final class DjlTrainStep {
  private static final int NZ = 100;
  private static final int NGF = 64;
  private static final int NDF = 64;
  private static final int TEXT = 400;
  private static final int PROJECTION = 128;

  private final NDManager manager;
  private final PtSymbolBlock convTranspose;
  private final ParameterStore store;
  private final boolean text;
  private final Map<String, NDArray> g = new LinkedHashMap<>();
  private final Map<String, NDArray> d = new LinkedHashMap<>();
  /** Batch-norm running statistics: state, not trained. */
  private final Map<String, NDArray> running = new LinkedHashMap<>();

  private DjlTrainStep(NDManager manager, PtSymbolBlock convTranspose, boolean text) {
    this.manager = manager;
    this.convTranspose = convTranspose;
    this.store = new ParameterStore(manager, false);
    this.text = text;
    int width = NZ + (text ? PROJECTION : 0);
    if (text) {
      weight(g, "text.w", PROJECTION, TEXT);
      bias(g, "text.b", PROJECTION);
    }
    weight(g, "project.w", 16 * NGF * 8, width);
    bias(g, "project.b", 16 * NGF * 8);
    norm(g, "bn0", NGF * 8);
    int[] gc = {NGF * 8, NGF * 4, NGF * 2, NGF};
    for (int i = 0; i < 3; i++) {
      weight(g, "up" + i + ".w", gc[i], gc[i + 1], 4, 4);
      norm(g, "bn" + (i + 1), gc[i + 1]);
    }
    weight(g, "out.w", NGF, 3, 4, 4);
    bias(g, "out.b", 3);

    weight(d, "c1.w", NDF, 3, 4, 4);
    bias(d, "c1.b", NDF);
    int[] dc = {NDF, NDF * 2, NDF * 4, NDF * 8};
    for (int i = 0; i < 3; i++) {
      weight(d, "conv" + i + ".w", dc[i + 1], dc[i], 4, 4);
      norm(d, "dbn" + i, dc[i + 1]);
    }
    if (text) {
      weight(d, "text.w", PROJECTION, TEXT);
      bias(d, "text.b", PROJECTION);
      weight(d, "joint.w", NDF * 8, NDF * 8 + PROJECTION, 1, 1);
      norm(d, "jbn", NDF * 8);
    }
    weight(d, "logit.w", 1, 16 * NDF * 8);
    bias(d, "logit.b", 1);
  }

  private void weight(Map<String, NDArray> into, String name, long... shape) {
    NDArray w = manager.randomNormal(0, 0.02f, new Shape(shape), DataType.FLOAT32);
    w.setRequiresGradient(true);
    into.put(name, w);
  }

  private void bias(Map<String, NDArray> into, String name, long n) {
    NDArray b = manager.zeros(new Shape(n));
    b.setRequiresGradient(true);
    into.put(name, b);
  }

  private void norm(Map<String, NDArray> into, String name, long channels) {
    NDArray gamma = manager.ones(new Shape(channels));
    gamma.setRequiresGradient(true);
    into.put(name + ".gamma", gamma);
    NDArray beta = manager.zeros(new Shape(channels));
    beta.setRequiresGradient(true);
    into.put(name + ".beta", beta);
    running.put(name + ".mean", manager.zeros(new Shape(channels)));
    running.put(name + ".var", manager.ones(new Shape(channels)));
  }

  private NDArray bn(Map<String, NDArray> p, String name, NDArray x) {
    return BatchNorm.batchNorm(x, running.get(name + ".mean"), running.get(name + ".var"), p.get(name + ".gamma"),
        p.get(name + ".beta"), 1, 0.1f, 1e-5f, true).singletonOrThrow();
  }

  private NDArray up(NDArray x, NDArray w) {
    return convTranspose.forward(store, new NDList(x, w), true).singletonOrThrow();
  }

  NDArray generate(NDArray z, NDArray t) {
    NDArray in = z;
    if (text) {
      in = z.concat(Activation.leakyRelu(Linear.linear(t, g.get("text.w"), g.get("text.b")).singletonOrThrow(), 0.2f), 1);
    }
    NDArray h = Linear.linear(in, g.get("project.w"), g.get("project.b")).singletonOrThrow().reshape(-1, NGF * 8, 4, 4);
    h = Activation.relu(bn(g, "bn0", h));
    for (int i = 0; i < 3; i++) {
      h = Activation.relu(bn(g, "bn" + (i + 1), up(h, g.get("up" + i + ".w"))));
    }
    NDArray bias = g.get("out.b").reshape(1, 3, 1, 1);
    bias.attach(h.getManager());
    return Activation.tanh(up(h, g.get("out.w")).add(bias));
  }

  NDArray discriminate(NDArray x, NDArray t) {
    Shape s2 = new Shape(2, 2);
    Shape p1 = new Shape(1, 1);
    NDArray h = Activation.leakyRelu(Conv2d.conv2d(x, d.get("c1.w"), d.get("c1.b"), s2, p1).singletonOrThrow(), 0.2f);
    for (int i = 0; i < 3; i++) {
      h = Activation.leakyRelu(bn(d, "dbn" + i, Conv2d.conv2d(h, d.get("conv" + i + ".w"), null, s2, p1).singletonOrThrow()), 0.2f);
    }
    long batch = x.getShape().get(0);
    if (text) {
      NDArray tt = Activation.leakyRelu(Linear.linear(t, d.get("text.w"), d.get("text.b")).singletonOrThrow(), 0.2f)
          .reshape(batch, PROJECTION, 1, 1).broadcast(batch, PROJECTION, 4, 4);
      h = Activation.leakyRelu(bn(d, "jbn", Conv2d.conv2d(h.concat(tt, 1), d.get("joint.w")).singletonOrThrow()), 0.2f);
    }
    return Linear.linear(h.reshape(batch, 16 * NDF * 8), d.get("logit.w"), d.get("logit.b")).singletonOrThrow().reshape(batch);
  }

  static long count(Map<String, NDArray> params) {
    return params.values().stream().mapToLong(a -> a.getShape().size()).sum();
  }

  private static void update(Optimizer optimizer, String prefix, Map<String, NDArray> params) {
    for (var e : params.entrySet()) {
      try (NDArray grad = e.getValue().getGradient()) {
        optimizer.update(prefix + e.getKey(), e.getValue(), grad);
      }
      JniUtils.zeroGrad((PtNDArray) e.getValue());
    }
  }

  public static void main(String[] args) throws Exception {
    String model = args[0];
    int batch = Integer.parseInt(args[1]);
    int steps = Integer.parseInt(args[2]);
    int warmup = Integer.parseInt(args[3]);
    Path module = Path.of(args[4]);
    if (!model.equals("dcgan") && !model.equals("gan-cls")) {
      throw new IllegalArgumentException("model is dcgan or gan-cls, was " + model);
    }
    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed(1);
    Loss bce = Loss.sigmoidBinaryCrossEntropyLoss();
    try (NDManager manager = engine.newBaseManager();
        PtSymbolBlock convTranspose = JniUtils.loadModule((PtNDManager) manager, module, false, new String[0], new String[0], false)) {
      DjlTrainStep net = new DjlTrainStep(manager, convTranspose, model.equals("gan-cls"));
      Optimizer og = Optimizer.adam().optLearningRateTracker(Tracker.fixed(2e-4f)).optBeta1(0.5f).optBeta2(0.999f).build();
      Optimizer od = Optimizer.adam().optLearningRateTracker(Tracker.fixed(2e-4f)).optBeta1(0.5f).optBeta2(0.999f).build();
      NDList inputs = new NDList(manager.randomUniform(-1, 1, new Shape(batch, NZ)),
          manager.randomNormal(new Shape(batch, net.text ? TEXT : 1)),
          manager.randomUniform(-1, 1, new Shape(batch, 3, 64, 64)),
          manager.randomNormal(new Shape(batch, net.text ? TEXT : 1)),
          manager.ones(new Shape(batch)), manager.zeros(new Shape(batch)));
      NDArray before = net.g.get("up0.w").duplicate();
      NDArray beforeD = net.d.get("conv0.w").duplicate();
      List<Double> times = new ArrayList<>();
      for (int i = -warmup; i < steps; i++) {
        long t0 = System.nanoTime();
        try (NDManager scope = manager.newSubManager()) {
          // The step's inputs live in the step's manager, and so does every array computed from them.
          NDArray z = inputs.get(0).duplicate();
          NDArray t = inputs.get(1).duplicate();
          NDArray real = inputs.get(2).duplicate();
          NDArray wrong = inputs.get(3).duplicate();
          NDArray ones = inputs.get(4).duplicate();
          NDArray zeros = inputs.get(5).duplicate();
          new NDList(z, t, real, wrong, ones, zeros).attach(scope);
          NDArray fake;
          try (GradientCollector collector = engine.newGradientCollector()) {
            fake = net.generate(z, t);
            NDArray lossD = bce.evaluate(new NDList(ones), new NDList(net.discriminate(real, t)));
            NDArray fakeLoss = bce.evaluate(new NDList(zeros), new NDList(net.discriminate(fake.stopGradient(), t)));
            if (net.text) {
              fakeLoss = fakeLoss.add(bce.evaluate(new NDList(zeros), new NDList(net.discriminate(real, wrong)))).div(2);
            }
            collector.backward(lossD.add(fakeLoss));
          }
          update(od, "d.", net.d);
          try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray lossG = bce.evaluate(new NDList(ones), new NDList(net.discriminate(fake, t)));
            collector.backward(lossG);
            lossG.getFloat();
          }
          update(og, "g.", net.g);
          for (NDArray p : net.d.values()) {
            JniUtils.zeroGrad((PtNDArray) p);
          }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (i >= 0) {
          times.add(s);
        }
      }
      double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      System.out.println("model = " + model);
      System.out.println("engine = DJL " + ai.djl.engine.Engine.getDjlVersion() + " on PyTorch " + engine.getVersion());
      System.out.println("threads = intra " + JniUtils.getNumThreads() + ", inter " + JniUtils.getNumInteropThreads());
      System.out.println("parameters = generator " + count(net.g) + ", discriminator " + count(net.d));
      System.out.printf("step_times = median %.4f min %.4f max %.4f (n=%d)%n", median, sorted[0], sorted[sorted.length - 1], sorted.length);
      // Both networks learn: the mean change of a weight of each, through the TorchScript transposed convolution for G.
      System.out.printf("weights_moved = generator %.2e, discriminator %.2e%n",
          net.g.get("up0.w").sub(before).abs().mean().getFloat(), net.d.get("conv0.w").sub(beforeD).abs().mean().getFloat());
      System.out.printf("step_seconds = %.4f%n", median);
      System.out.printf("images_per_second = %.1f%n", batch / median);
      System.out.println("all_step_seconds = " + Arrays.toString(times.stream().mapToDouble(x -> Math.round(x * 1e4) / 1e4).toArray()));
    }
  }
}
