package dev.t2i.training;

import dev.t2i.api.Discriminator;
import dev.t2i.api.Generator;
import dev.t2i.api.GeneratorInput;
import dev.t2i.api.GeneratorOutput;
import dev.t2i.api.Loss;
import dev.t2i.api.LossInputs;
import dev.t2i.api.LossPart;
import dev.t2i.api.LossRequirements;
import dev.t2i.api.LossTerms;
import dev.t2i.api.Mode;
import dev.t2i.api.Network;
import dev.t2i.api.Parameters;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.models.layers.GaussianBlur;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * The graph of one experiment: placeholders for a batch, the generator and the discriminator under
 * their own name prefixes ({@code G_}, {@code D_}), an Adam optimizer per network on its own
 * variables, and the sampling path.
 *
 * <p>The report's alternating update runs as one session call: the discriminator's update, then the
 * generator's loss on the discriminator re-applied after that update (its ops depend on the
 * update), back-propagated through the same generated images, so the generator's forward pass runs
 * once per step. Extra discriminator steps ({@code k > 1}) run the discriminator's update alone.
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

  /**
   * The path that draws sample grids: the generator in inference mode on its own placeholders
   * ({@code sample_text}, {@code sample_mask}, {@code sample_noise}), reading the averaged weights
   * when the run keeps an average.
   *
   * @param inputs its placeholders
   * @param images {@code [B, H, W, 3]} in {@code [-1, 1]}
   * @param steps the image after each word for a sentence model, or null
   */
  public record SamplingPath(
      GeneratorPlaceholders inputs, Operand<TFloat32> images, Operand<TFloat32> steps) {}

  /**
   * The scalars a step can fetch.
   *
   * @param discriminator the discriminator's loss, when there is a discriminator
   * @param generator the generator's loss
   * @param parts the named terms of both, each keyed by its network
   */
  public record Losses(
      Optional<Operand<TFloat32>> discriminator,
      Operand<TFloat32> generator,
      Map<LossPart, Operand<TFloat32>> parts) {
    public Losses {
      parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /**
     * Everything to log, by label: {@code d} and {@code g} for the two losses, then each part's
     * {@link LossPart#label()}.
     */
    public Map<String, Operand<TFloat32>> labelled() {
      Map<String, Operand<TFloat32>> m = new LinkedHashMap<>();
      discriminator.ifPresent(d -> m.put(Network.DISCRIMINATOR.prefix(), d));
      m.put(Network.GENERATOR.prefix(), generator);
      parts.forEach((k, v) -> m.put(k.label(), v));
      return m;
    }
  }

  private final Graph graph;
  private final Ops tf;
  private final TrainingInputs inputs;
  private final SamplingPath sampling;
  private final Optional<Op> discriminatorStep;
  private final Op generatorStep;
  private final Losses losses;
  private final Parameters generatorParameters;
  private final Parameters discriminatorParameters;
  private final Optional<Parameters> averageParameters;

  /** The graph of {@code experiment}, with the weights of its configured seed. */
  public static TrainingGraph of(Graph graph, Experiment experiment) {
    return new TrainingGraph(
        graph,
        experiment.config().seed(),
        experiment.generator(),
        experiment.discriminator(),
        experiment.loss(),
        experiment.encoder().map(TextEncoder::shape).orElse(null),
        experiment.config().training());
  }

  /**
   * Builds the graph.
   *
   * @param textShape the encoder's shape, or null without text
   */
  public TrainingGraph(
      Graph graph,
      long seed,
      Generator generator,
      Optional<Discriminator> discriminator,
      Loss loss,
      TextShape textShape,
      TrainingSettings training) {
    this.graph = graph;
    this.tf = Ops.create(graph);
    LossRequirements requirements = loss.requirements();
    int size = generator.imageSize();
    boolean wantsMismatch = requirements.mismatchedText();
    boolean random =
        discriminator.isPresent() && training.discriminatorReals() == RealImages.RANDOM;
    inputs =
        TrainingInputs.create(
            tf, size, textShape, generator.noiseDimension(), wantsMismatch, random);
    Placeholder<TFloat32> images = inputs.images();
    Placeholder<TFloat32> text = inputs.generator().text();
    Placeholder<TFloat32> mask = inputs.generator().mask();
    Placeholder<TFloat32> noise = inputs.generator().noise();

    Parameters root = Parameters.create(seed, training.precision().resolve());
    generatorParameters = root.scope("G");
    discriminatorParameters = root.scope("D");

    // With mode seeking, the generator draws the batch's first half of captions twice, with other
    // noise.
    boolean paired = training.modeSeeking() > 0 && noise != null;
    Operand<TFloat32> drawnText = paired && text != null ? ModeSeeking.pairHalves(tf, text) : text;
    Operand<TFloat32> drawnMask = paired && mask != null ? ModeSeeking.pairHalves(tf, mask) : mask;
    Operand<TFloat32> drawnImages = paired ? ModeSeeking.pairHalves(tf, images) : images;
    GeneratorInput drawn = new GeneratorInput(noise, drawnText, drawnMask);
    GeneratorOutput out = generator.generate(tf, generatorParameters, drawn, Mode.TRAIN);
    List<Op> generatorUpdates = List.copyOf(generatorParameters.updates());
    Map<LossPart, Operand<TFloat32>> named = new LinkedHashMap<>();
    List<Op> discriminatorUpdates = List.of();
    Operand<TFloat32> dLoss = null;
    Operand<TFloat32> gLoss;
    Op dStep = null;
    if (discriminator.isPresent()) {
      Discriminator d = discriminator.get();
      Operand<TFloat32> dText = d.conditional() ? text : null;
      Operand<TFloat32> reals = random ? inputs.randomImages() : images;
      boolean contrastive = training.contrastive() > 0;
      // Contrastive: the pair matrix of the same pass gives the usual logits on its diagonal.
      Operand<TFloat32> realPairs =
          contrastive ? d.scorePairs(tf, discriminatorParameters, reals, dText, Mode.TRAIN) : null;
      Operand<TFloat32> realLogits =
          contrastive
              ? Contrastive.own(tf, realPairs)
              : d.score(tf, discriminatorParameters, reals, dText, Mode.TRAIN);
      discriminatorUpdates = List.copyOf(discriminatorParameters.updates());
      Operand<TFloat32> fakeText = d.conditional() ? drawnText : null;
      Operand<TFloat32> fakeLogits =
          d.score(tf, discriminatorParameters, out.fakes(), fakeText, Mode.TRAIN);
      Operand<TFloat32> wrongLogits =
          wantsMismatch
              ? d.score(tf, discriminatorParameters, images, inputs.mismatchedText(), Mode.TRAIN)
              : null;
      Operand<TFloat32> blurredLogits =
          requirements.blurSigma() > 0
              ? d.score(
                  tf,
                  discriminatorParameters,
                  GaussianBlur.apply(tf, images, requirements.blurSigma(), size),
                  dText,
                  Mode.TRAIN)
              : null;
      LossTerms before =
          loss.compute(
              tf,
              new LossInputs(
                  realLogits,
                  fakeLogits,
                  out.fakeWeights(),
                  wrongLogits,
                  blurredLogits,
                  out,
                  drawnImages,
                  reals,
                  dText));
      dLoss = before.discriminator();
      named.putAll(before.partsOf(Network.DISCRIMINATOR));
      if (contrastive) {
        Operand<TFloat32> term = Contrastive.term(tf, realPairs, training.contrastive());
        named.put(LossPart.discriminator("contrastive"), term);
        dLoss = tf.math.add(dLoss, term);
      }
      dStep = minimize(dLoss, discriminatorParameters, "D", training.discriminatorOptimizer());
      // The generator's loss on the discriminator after its update: these ops wait for dStep.
      Ops after = tf.withControlDependencies(List.of(dStep));
      // With mode seeking the fakes' captions are the first half of the batch's, twice: score
      // against that half.
      Operand<TFloat32> fakeCaptions =
          contrastive && paired ? ModeSeeking.firstHalf(after, text) : fakeText;
      Operand<TFloat32> fakePairs =
          contrastive
              ? d.scorePairs(after, discriminatorParameters, out.fakes(), fakeCaptions, Mode.TRAIN)
              : null;
      Operand<TFloat32> fakeAfter =
          contrastive
              ? Contrastive.own(after, fakePairs)
              : d.score(after, discriminatorParameters, out.fakes(), fakeText, Mode.TRAIN);
      LossTerms afterTerms =
          loss.compute(
              after,
              new LossInputs(
                  realLogits,
                  fakeAfter,
                  out.fakeWeights(),
                  wrongLogits,
                  blurredLogits,
                  out,
                  drawnImages));
      gLoss = afterTerms.generator();
      named.putAll(afterTerms.partsOf(Network.GENERATOR));
      if (contrastive && gLoss != null) {
        Operand<TFloat32> term = Contrastive.term(after, fakePairs, training.contrastive());
        named.put(LossPart.generator("contrastive"), term);
        gLoss = after.math.add(gLoss, term);
      }
    } else {
      LossTerms terms =
          loss.compute(tf, new LossInputs(null, null, null, null, null, out, drawnImages));
      gLoss = terms.generator();
      named.putAll(terms.parts());
    }
    if (gLoss == null) {
      throw new IllegalArgumentException(
          "the loss has no generator part; nothing would train the generator");
    }
    if (paired) {
      Operand<TFloat32> seeking = ModeSeeking.term(tf, out.images(), noise, training.modeSeeking());
      named.put(LossPart.generator("mode_seeking"), seeking);
      gLoss = tf.math.add(gLoss, seeking);
    }
    List<Operand<TFloat32>> penalties = generatorParameters.penalties();
    if (!penalties.isEmpty()) {
      Operand<TFloat32> penalty =
          penalties.size() == 1 ? penalties.get(0) : tf.math.addN(penalties);
      named.put(LossPart.generator("penalty"), penalty);
      gLoss = tf.math.add(gLoss, penalty);
    }
    Op gStep = minimize(gLoss, generatorParameters, "G", training.generatorOptimizer());
    discriminatorStep =
        dStep == null
            ? Optional.empty()
            : Optional.of(withUpdates(dStep, discriminatorUpdates, "D_step"));
    losses = new Losses(Optional.ofNullable(dLoss), gLoss, named);

    GeneratorPlaceholders sampleInputs =
        GeneratorPlaceholders.create(tf, "sample_", textShape, generator.noiseDimension());
    Parameters averaged = root.scope(GeneratorAverage.inferenceScope(training));
    GeneratorOutput sampled =
        generator.generate(tf, averaged, sampleInputs.input(), Mode.INFERENCE);
    sampling = new SamplingPath(sampleInputs, sampled.images(), sampled.steps());
    if (training.generatorAverage() > 0) {
      averageParameters = Optional.of(averaged);
      List<Op> afterStep = new ArrayList<>(generatorUpdates);
      afterStep.add(gStep);
      Op average =
          GeneratorAverage.update(
              tf,
              generator,
              drawn,
              generatorParameters,
              averaged,
              training.generatorAverage(),
              afterStep);
      generatorStep = tf.withName("G_step").withControlDependencies(List.of(average)).noOp();
    } else {
      averageParameters = Optional.empty();
      generatorStep = withUpdates(gStep, generatorUpdates, "G_step");
    }
    LOG.info(
        "graph: generator {} weights, discriminator {} weights, {} ops",
        generatorParameters.trainableCount(),
        discriminatorParameters.trainableCount(),
        count(graph));
  }

  /** The graph it was built in. */
  public Graph graph() {
    return graph;
  }

  /** The placeholders a training step feeds. */
  public TrainingInputs inputs() {
    return inputs;
  }

  /** The path that draws sample grids. */
  public SamplingPath sampling() {
    return sampling;
  }

  /** The losses and their named parts. */
  public Losses losses() {
    return losses;
  }

  /** The discriminator's update with its moving averages, when there is a discriminator. */
  public Optional<Op> discriminatorStep() {
    return discriminatorStep;
  }

  /**
   * The generator's update with its moving averages; it runs after the discriminator's in one call.
   */
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

  /** Gradients of {@code loss} for {@code params}' variables only, applied by their own Adam. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Op minimize(Operand<TFloat32> loss, Parameters params, String network, AdamSettings s) {
    List<Variable<TFloat32>> vars = params.trainableVariables();
    Output<?>[] xs = vars.stream().map(Variable::asOutput).toArray(Output[]::new);
    Output<?>[] grads =
        graph.addGradients(network + "_gradients", new Output<?>[] {loss.asOutput()}, xs, null);
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
      LOG.warn(
          "{} loss does not reach {} of its variables: {}", network, unreached.size(), unreached);
    }
    Adam adam =
        new Adam(
            graph,
            network + "_Adam",
            s.learningRate().floatValue(),
            s.beta1().floatValue(),
            s.beta2().floatValue(),
            s.epsilon().floatValue());
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
