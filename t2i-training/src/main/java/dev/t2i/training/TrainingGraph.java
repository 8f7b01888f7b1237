package dev.t2i.training;

import dev.t2i.api.Discriminator;
import dev.t2i.api.Generator;
import dev.t2i.api.GeneratorInput;
import dev.t2i.api.GeneratorOutput;
import dev.t2i.api.Loss;
import dev.t2i.api.LossInputs;
import dev.t2i.api.LossRequirements;
import dev.t2i.api.LossTerms;
import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import dev.t2i.api.TextShape;
import dev.t2i.models.layers.GaussianBlur;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graph of one experiment: placeholders for a batch, the generator and the discriminator
 * under their own name prefixes ({@code G_}, {@code D_}), an Adam optimizer per network on its own
 * variables, and the sampling path.
 *
 * <p>The report's alternating update runs as one session call: the discriminator's update, then
 * the generator's loss on the discriminator re-applied after that update (its ops depend on the
 * update), back-propagated through the same generated images, so the generator's forward pass
 * runs once per step. Extra discriminator steps ({@code k > 1}) run the discriminator's update alone.
 *
 * <p>With {@code training.modeSeeking}, the generator draws the first half of the batch's captions
 * twice (its own input, the discriminator's fakes and the Euclidean loss's targets all follow), and
 * {@link ModeSeeking}'s term joins its loss.
 *
 * <p>With {@code training.generatorAverage}, the sampling path reads a {@link GeneratorAverage} of
 * the generator's weights, which every generator step updates last.
 */
public final class TrainingGraph {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingGraph.class);

  final Graph graph;
  final Ops tf;
  final Placeholder<TFloat32> images;
  final Placeholder<TFloat32> text;
  final Placeholder<TFloat32> mask;
  final Placeholder<TFloat32> noise;
  final Placeholder<TFloat32> mismatchedText;
  final Placeholder<TFloat32> mismatchedMask;
  final Placeholder<TFloat32> randomImages;
  final Placeholder<TFloat32> sampleText;
  final Placeholder<TFloat32> sampleMask;
  final Placeholder<TFloat32> sampleNoise;
  final Operand<TFloat32> samples;
  final Operand<TFloat32> sampleSteps;
  final Op discriminatorStep;
  final Op generatorStep;
  final Operand<TFloat32> discriminatorLoss;
  final Operand<TFloat32> generatorLoss;
  final Map<String, Operand<TFloat32>> parts;
  final Parameters generatorParameters;
  final Parameters discriminatorParameters;
  final Optional<Parameters> averageParameters;
  final LossRequirements requirements;

  /**
   * Builds the graph.
   *
   * @param textShape the encoder's shape, or null without text
   */
  public TrainingGraph(Graph graph, long seed, Generator generator, Optional<Discriminator> discriminator, Loss loss,
      TextShape textShape, TrainingSettings training) {
    this.graph = graph;
    this.tf = Ops.create(graph);
    this.requirements = loss.requirements();
    int size = generator.imageSize();
    images = imagePlaceholder("images", size);
    text = textShape == null ? null : textPlaceholder("text", textShape);
    mask = textShape != null && textShape.sequence() ? tf.withName("mask").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, textShape.steps()))) : null;
    noise = generator.noiseDimension() > 0
        ? tf.withName("noise").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, generator.noiseDimension())))
        : null;
    boolean wantsMismatch = requirements.mismatchedText();
    mismatchedText = wantsMismatch ? textPlaceholder("mismatched_text", textShape) : null;
    mismatchedMask = wantsMismatch && textShape.sequence() ? tf.withName("mismatched_mask").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, textShape.steps()))) : null;
    boolean random = discriminator.isPresent() && training.discriminatorReals() == RealImages.RANDOM;
    randomImages = random ? imagePlaceholder("random_images", size) : null;

    Parameters root = Parameters.create(seed, training.precision().resolve());
    generatorParameters = root.scope("G");
    discriminatorParameters = root.scope("D");

    // With mode seeking, the generator draws the batch's first half of captions twice, with other noise.
    boolean paired = training.modeSeeking() > 0 && noise != null;
    Operand<TFloat32> drawnText = paired && text != null ? ModeSeeking.pairHalves(tf, text) : text;
    Operand<TFloat32> drawnMask = paired && mask != null ? ModeSeeking.pairHalves(tf, mask) : mask;
    Operand<TFloat32> drawnImages = paired ? ModeSeeking.pairHalves(tf, images) : images;
    GeneratorInput drawn = new GeneratorInput(noise, drawnText, drawnMask);
    GeneratorOutput out = generator.generate(tf, generatorParameters, drawn, Mode.TRAIN);
    List<Op> generatorUpdates = List.copyOf(generatorParameters.updates());
    Map<String, Operand<TFloat32>> named = new LinkedHashMap<>();
    List<Op> discriminatorUpdates = List.of();
    Operand<TFloat32> dLoss = null;
    Operand<TFloat32> gLoss;
    Op dStep = null;
    if (discriminator.isPresent()) {
      Discriminator d = discriminator.get();
      Operand<TFloat32> dText = d.conditional() ? text : null;
      Operand<TFloat32> reals = random ? randomImages : images;
      boolean contrastive = training.contrastive() > 0;
      // Contrastive: the pair matrix of the same pass gives the usual logits on its diagonal.
      Operand<TFloat32> realPairs = contrastive ? d.scorePairs(tf, discriminatorParameters, reals, dText, Mode.TRAIN) : null;
      Operand<TFloat32> realLogits = contrastive ? Contrastive.own(tf, realPairs)
          : d.score(tf, discriminatorParameters, reals, dText, Mode.TRAIN);
      discriminatorUpdates = List.copyOf(discriminatorParameters.updates());
      Operand<TFloat32> fakeText = d.conditional() ? drawnText : null;
      Operand<TFloat32> fakeLogits = d.score(tf, discriminatorParameters, out.fakes(), fakeText, Mode.TRAIN);
      Operand<TFloat32> wrongLogits = wantsMismatch
          ? d.score(tf, discriminatorParameters, images, mismatchedText, Mode.TRAIN) : null;
      Operand<TFloat32> blurredLogits = requirements.blurSigma() > 0
          ? d.score(tf, discriminatorParameters, GaussianBlur.apply(tf, images, requirements.blurSigma(), size), dText, Mode.TRAIN)
          : null;
      LossTerms before = loss.compute(tf, new LossInputs(realLogits, fakeLogits, out.fakeWeights(), wrongLogits, blurredLogits, out,
          drawnImages, reals, dText));
      dLoss = before.discriminator();
      if (contrastive) {
        Operand<TFloat32> term = Contrastive.term(tf, realPairs, training.contrastive());
        named.put("d_contrastive", term);
        dLoss = tf.math.add(dLoss, term);
      }
      before.parts().forEach((k, v) -> {
        if (k.startsWith("d_")) {
          named.put(k, v);
        }
      });
      dStep = minimize(dLoss, discriminatorParameters, "D", training.discriminatorOptimizer());
      // The generator's loss on the discriminator after its update: these ops wait for dStep.
      Ops after = tf.withControlDependencies(List.of(dStep));
      // With mode seeking the fakes' captions are the first half of the batch's, twice: score against that half.
      Operand<TFloat32> fakeCaptions = contrastive && paired ? ModeSeeking.firstHalf(after, text) : fakeText;
      Operand<TFloat32> fakePairs = contrastive
          ? d.scorePairs(after, discriminatorParameters, out.fakes(), fakeCaptions, Mode.TRAIN) : null;
      Operand<TFloat32> fakeAfter = contrastive ? Contrastive.own(after, fakePairs)
          : d.score(after, discriminatorParameters, out.fakes(), fakeText, Mode.TRAIN);
      LossTerms afterTerms = loss.compute(after, new LossInputs(realLogits, fakeAfter, out.fakeWeights(), wrongLogits, blurredLogits, out,
          drawnImages));
      gLoss = afterTerms.generator();
      if (contrastive && gLoss != null) {
        Operand<TFloat32> term = Contrastive.term(after, fakePairs, training.contrastive());
        named.put("g_contrastive", term);
        gLoss = after.math.add(gLoss, term);
      }
      afterTerms.parts().forEach((k, v) -> {
        if (!k.startsWith("d_")) {
          named.put(k, v);
        }
      });
    } else {
      LossTerms terms = loss.compute(tf, new LossInputs(null, null, null, null, null, out, drawnImages));
      gLoss = terms.generator();
      named.putAll(terms.parts());
    }
    if (gLoss == null) {
      throw new IllegalArgumentException("the loss has no generator part; nothing would train the generator");
    }
    if (paired) {
      Operand<TFloat32> seeking = ModeSeeking.term(tf, out.images(), noise, training.modeSeeking());
      named.put("g_mode_seeking", seeking);
      gLoss = tf.math.add(gLoss, seeking);
    }
    List<Operand<TFloat32>> penalties = generatorParameters.penalties();
    if (!penalties.isEmpty()) {
      Operand<TFloat32> penalty = penalties.size() == 1 ? penalties.get(0) : tf.math.addN(penalties);
      named.put("g_penalty", penalty);
      gLoss = tf.math.add(gLoss, penalty);
    }
    Op gStep = minimize(gLoss, generatorParameters, "G", training.generatorOptimizer());
    discriminatorStep = dStep == null ? null : withUpdates(dStep, discriminatorUpdates, "D_step");
    discriminatorLoss = dLoss;
    generatorLoss = gLoss;
    parts = named;

    sampleText = textShape == null ? null : textPlaceholder("sample_text", textShape);
    sampleMask = textShape != null && textShape.sequence() ? tf.withName("sample_mask").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, textShape.steps()))) : null;
    sampleNoise = generator.noiseDimension() > 0
        ? tf.withName("sample_noise").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, generator.noiseDimension())))
        : null;
    Parameters sampling = root.scope(GeneratorAverage.inferenceScope(training));
    GeneratorOutput sampled = generator.generate(tf, sampling, new GeneratorInput(sampleNoise, sampleText, sampleMask), Mode.INFERENCE);
    samples = sampled.images();
    sampleSteps = sampled.steps();
    if (training.generatorAverage() > 0) {
      averageParameters = Optional.of(sampling);
      List<Op> after = new ArrayList<>(generatorUpdates);
      after.add(gStep);
      Op average = GeneratorAverage.update(tf, generator, drawn, generatorParameters, sampling,
          training.generatorAverage(), after);
      generatorStep = tf.withName("G_step").withControlDependencies(List.of(average)).noOp();
    } else {
      averageParameters = Optional.empty();
      generatorStep = withUpdates(gStep, generatorUpdates, "G_step");
    }
    LOG.info("graph: generator {} weights, discriminator {} weights, {} ops",
        generatorParameters.trainableCount(), discriminatorParameters.trainableCount(), count(graph));
  }

  /**
   * The placeholders a step feeds, by name: {@code images}, {@code text}, {@code mask}, {@code
   * noise}, {@code mismatched_text}, {@code mismatched_mask}, {@code random_images}; absent ones
   * are left out.
   */
  public Map<String, Placeholder<TFloat32>> inputs() {
    Map<String, Placeholder<TFloat32>> m = new LinkedHashMap<>();
    m.put("images", images);
    if (text != null) {
      m.put("text", text);
    }
    if (mask != null) {
      m.put("mask", mask);
    }
    if (noise != null) {
      m.put("noise", noise);
    }
    if (mismatchedText != null) {
      m.put("mismatched_text", mismatchedText);
    }
    if (mismatchedMask != null) {
      m.put("mismatched_mask", mismatchedMask);
    }
    if (randomImages != null) {
      m.put("random_images", randomImages);
    }
    return m;
  }

  /** The discriminator's update with its moving averages, or null without a discriminator. */
  public Op discriminatorStep() {
    return discriminatorStep;
  }

  /** The generator's update with its moving averages; it runs after the discriminator's in one call. */
  public Op generatorStep() {
    return generatorStep;
  }

  /** The generator's variables ({@code G_}). */
  public Parameters generatorParameters() {
    return generatorParameters;
  }

  /** The discriminator's variables ({@code D_}). */
  public Parameters discriminatorParameters() {
    return discriminatorParameters;
  }

  /** The {@link GeneratorAverage}'s shadows and update counter, when the run keeps one. */
  public Optional<Parameters> averageParameters() {
    return averageParameters;
  }

  /** The generator's loss. */
  public Operand<TFloat32> generatorLoss() {
    return generatorLoss;
  }

  /** The discriminator's loss, or null. */
  public Operand<TFloat32> discriminatorLoss() {
    return discriminatorLoss;
  }

  private Placeholder<TFloat32> imagePlaceholder(String name, int size) {
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 3)));
  }

  private Placeholder<TFloat32> textPlaceholder(String name, TextShape s) {
    Shape shape = s.sequence() ? Shape.of(-1, s.steps(), s.dimension()) : Shape.of(-1, s.dimension());
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(shape));
  }

  /** Gradients of {@code loss} for {@code params}' variables only, applied by their own Adam. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Op minimize(Operand<TFloat32> loss, Parameters params, String network, AdamSettings s) {
    List<Variable<TFloat32>> vars = params.trainableVariables();
    Output<?>[] xs = vars.stream().map(Variable::asOutput).toArray(Output[]::new);
    Output<?>[] grads = graph.addGradients(network + "_gradients", new Output<?>[] {loss.asOutput()}, xs, null);
    List<Optimizer.GradAndVar<? extends TType>> pairs = new ArrayList<>();
    List<String> unreached = new ArrayList<>();
    for (int i = 0; i < xs.length; i++) {
      if (grads[i] == null || grads[i].op() == null) {
        unreached.add(vars.get(i).op().name());
        continue;
      }
      pairs.add(new Optimizer.GradAndVar(grads[i], xs[i]));
    }
    if (!unreached.isEmpty()) {
      LOG.warn("{} loss does not reach {} of its variables: {}", network, unreached.size(), unreached);
    }
    Adam adam = new Adam(graph, network + "_Adam", s.learningRate().floatValue(), s.beta1().floatValue(),
        s.beta2().floatValue(), s.epsilon().floatValue());
    return adam.applyGradients(pairs, network + "_train");
  }

  private Op withUpdates(Op step, List<Op> updates, String name) {
    List<Op> all = new ArrayList<>(updates);
    all.add(step);
    return tf.withName(name).withControlDependencies(all).noOp();
  }

  private static int count(Graph g) {
    int n = 0;
    var it = g.operations();
    while (it.hasNext()) {
      it.next();
      n++;
    }
    return n;
  }
}
