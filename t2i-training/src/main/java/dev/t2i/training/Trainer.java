package dev.t2i.training;

import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.Split;
import dev.t2i.api.train.Checkpoint;
import dev.t2i.api.train.RunOutcome;
import dev.t2i.api.train.TrainingEvent;
import dev.t2i.api.train.TrainingListener;
import dev.t2i.datasets.pipeline.BatchLoader;
import dev.t2i.datasets.pipeline.BatchSpec;
import dev.t2i.datasets.pipeline.Prefetcher;
import dev.t2i.training.checkpoint.DirectoryCheckpointStore;
import dev.t2i.training.output.ProvenanceFile;
import dev.t2i.training.output.RunDirectory;
import dev.t2i.training.output.RunLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/**
 * Trains an {@link Experiment}.
 *
 * <p>Every source of randomness is a function of the seed and a counter: initial weights of the
 * seed and each variable's name, batches of the seed and the batch number, noise of the seed and
 * the step. A checkpoint therefore needs only the weights, the optimizer's slots and two counters
 * to resume exactly where the run was.
 *
 * <p>The loop only runs {@link TrainingStep}s and announces them as {@link TrainingEvent}s; the
 * rest listens: a {@link DivergenceGuard}, the caller's listeners (progress, TensorBoard, metrics),
 * a {@link SampleWriter} and a {@link Checkpointer}.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  /** How to run. */
  public record Options(boolean resume, List<TrainingListener> listeners) {
    public Options {
      listeners = List.copyOf(listeners);
    }
  }

  /**
   * How a run ended.
   *
   * @param step the last completed step
   * @param outcome completed, or interrupted (a failure throws instead)
   * @param checkpoint the newest checkpoint, which holds {@code step}
   */
  public record Outcome(
      long step, RunOutcome outcome, Path runDirectory, Optional<Checkpoint> checkpoint) {}

  private final Experiment experiment;
  private volatile boolean stopRequested;

  public Trainer(Experiment experiment) {
    this.experiment = experiment;
  }

  /**
   * Asks the run to stop after the current step, saving a checkpoint first. Safe from any thread.
   */
  public void requestStop() {
    stopRequested = true;
  }

  /** Trains until the configured number of steps, a stop request, or a failure. */
  public Outcome train(Options options) throws IOException, InterruptedException {
    try {
      return run(options);
    } catch (UncheckedIOException e) {
      // A listener's I/O failure (a checkpoint or sample that could not be written), with its
      // context.
      throw new IOException(e.getMessage(), e.getCause());
    }
  }

  private Outcome run(Options options) throws IOException, InterruptedException {
    RunDirectory run =
        RunDirectory.prepare(experiment.config().output(), RunDirectory.MIN_FREE_BYTES);
    try (RunLock lock = RunLock.acquire(run.root())) {
      return run(options, run);
    }
  }

  private Outcome run(Options options, RunDirectory run) throws IOException, InterruptedException {
    ExperimentConfig config = experiment.config();
    TrainingSettings t = config.training();
    DirectoryCheckpointStore store =
        new DirectoryCheckpointStore(run.checkpoints(), t.keepCheckpoints());
    List<Checkpoint> kept = store.list();
    if (!kept.isEmpty() && !options.resume()) {
      throw new IllegalStateException(
          config.output()
              + " already has a checkpoint (step "
              + kept.get(kept.size() - 1).step()
              + "): use --resume to continue it, or choose another output directory");
    }
    if (!kept.isEmpty() && Files.exists(run.config())) {
      ResumeCheck.verify(experiment, run.config());
    }
    RunDirectory.writeAtomically(run.config(), experiment.resolvedYaml());
    DatasetIndex index = experiment.index();
    List<Example> train = index.split(Split.TRAIN);
    LOG.info(
        "convolutions and matrix products in {} ({})",
        t.precision().resolve().id(),
        t.precision().reason());
    try (Graph graph = new Graph();
        SampleGrid grid = new SampleGrid(index, experiment, t.samples())) {
      TrainingGraph g = TrainingGraph.of(graph, experiment);
      try (Session session = new Session(graph, sessionConfig(t.threads()))) {
        Optional<Checkpoint> resumed = restoreOrInitialize(session, kept);
        long batches = resumed.map(Trainer::batchesRead).orElse(0L);
        ProvenanceFile provenance = run.provenance();
        provenance.beginSegment(
            provenanceFacts(index, train), resumed.map(Checkpoint::step).orElse(0L));
        try (Prefetcher prefetch =
            new Prefetcher(
                batchLoader(train),
                batches,
                config.pipeline().prefetch(),
                config.pipeline().workers())) {
          TrainingStep stepper =
              new TrainingStep(
                  session,
                  g,
                  prefetch,
                  new NoiseSource(config.seed(), experiment.generator().noiseDimension()),
                  t.discriminatorSteps(),
                  batches);
          return loop(options, run, g, grid, session, store, stepper, resumed, provenance);
        }
      }
    }
  }

  /** Runs steps until the configured number, a stop request or a failure; listeners do the rest. */
  private Outcome loop(
      Options options,
      RunDirectory run,
      TrainingGraph g,
      SampleGrid grid,
      Session session,
      DirectoryCheckpointStore store,
      TrainingStep stepper,
      Optional<Checkpoint> resumed,
      ProvenanceFile provenance)
      throws IOException, InterruptedException {
    TrainingSettings t = experiment.config().training();
    // In order: the guard sees a step before anything records it; a listener's own events reach
    // all of them.
    List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    Consumer<TrainingEvent> emit = e -> listeners.forEach(l -> l.on(e));
    listeners.add(new DivergenceGuard(resumed.map(Checkpoint::directory).orElse(null)));
    listeners.addAll(options.listeners());
    SampleWriter samples =
        new SampleWriter(session, g.sampling(), grid, run.samples(), t.sampleEvery(), emit);
    Checkpointer checkpoints =
        new Checkpointer(
            store,
            session,
            experiment.config().seed(),
            t.checkpointEvery(),
            stepper::batchesRead,
            resumed,
            emit);
    listeners.add(samples);
    listeners.add(checkpoints);
    long step = resumed.map(Checkpoint::step).orElse(0L);
    long first = step;
    long started = System.nanoTime();
    try {
      emit.accept(new TrainingEvent.Started(step, t.steps(), run.root()));
      double secondsPerStep = 0;
      while (step < t.steps() && !stopRequested) {
        long stepStarted = System.nanoTime();
        Map<String, Float> losses = stepper.run(step);
        step++;
        double seconds = (System.nanoTime() - stepStarted) / 1e9;
        secondsPerStep = secondsPerStep == 0 ? seconds : 0.9 * secondsPerStep + 0.1 * seconds;
        emit.accept(new TrainingEvent.StepCompleted(step, t.steps(), losses, secondsPerStep));
      }
      checkpoints.finish(step);
      samples.finish(step);
    } catch (TrainingFailure f) {
      provenance.endSegment(step, RunOutcome.FAILED, (System.nanoTime() - started) / 1e9);
      emit.accept(new TrainingEvent.Finished(step, RunOutcome.FAILED, f.getMessage()));
      throw f;
    }
    RunOutcome outcome = step < t.steps() ? RunOutcome.INTERRUPTED : RunOutcome.COMPLETED;
    provenance.endSegment(step, outcome, (System.nanoTime() - started) / 1e9);
    emit.accept(
        new TrainingEvent.Finished(
            step,
            outcome,
            (step - first)
                + " steps; the newest checkpoint is "
                + checkpoints.latest().map(Checkpoint::directory).orElseThrow()));
    return new Outcome(step, outcome, run.root(), checkpoints.latest());
  }

  private Map<String, Object> provenanceFacts(DatasetIndex index, List<Example> train) {
    TrainingSettings t = experiment.config().training();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("seed", experiment.config().seed());
    facts.put("dataset", index.provenance());
    facts.put("trainExamples", train.size());
    facts.put("skippedByLoader", index.skipped().size());
    facts.put("precision", t.precision().resolve().id() + " (" + t.precision().reason() + ")");
    return facts;
  }

  private BatchLoader batchLoader(List<Example> train) {
    ExperimentConfig config = experiment.config();
    TrainingSettings t = config.training();
    TextShape textShape = experiment.encoder().map(TextEncoder::shape).orElse(null);
    BatchSpec spec =
        new BatchSpec(
            t.batchSize(),
            experiment.generator().imageSize(),
            textShape,
            experiment.loss().requirements().mismatchedText(),
            experiment.discriminator().isPresent() && t.discriminatorReals() == RealImages.RANDOM,
            true);
    return new BatchLoader(
        train, experiment.encoder().orElse(null), spec, config.pipeline(), config.seed());
  }

  /**
   * Restores the newest of {@code kept} that restores, and returns it; or, with none kept,
   * initialises every variable. A checkpoint whose variable files are damaged (truncated, zeroed,
   * an index missing) is skipped with a warning that names it, for the next older one.
   *
   * @throws IOException if no kept checkpoint restores
   */
  private static Optional<Checkpoint> restoreOrInitialize(Session session, List<Checkpoint> kept)
      throws IOException {
    if (kept.isEmpty()) {
      session.initialize();
      return Optional.empty();
    }
    List<String> failures = new ArrayList<>();
    for (int i = kept.size() - 1; i >= 0; i--) {
      Checkpoint c = kept.get(i);
      try {
        session.restore(c.variables().toString());
      } catch (RuntimeException e) {
        String reason =
            e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
        failures.add(c.directory() + " (" + reason + ")");
        LOG.warn(
            "checkpoint {} does not restore ({}); trying the one before it", c.directory(), reason);
        continue;
      }
      if (i < kept.size() - 1) {
        LOG.warn(
            "resuming from {}, the newest checkpoint that restores; newer ones are damaged: {}",
            c.directory(),
            failures);
      } else {
        LOG.info("resumed {} at step {}", c.directory(), c.step());
      }
      return Optional.of(c);
    }
    throw new IOException(
        "no checkpoint of this run restores: "
            + String.join("; ", failures)
            + ". Delete the checkpoints to start again");
  }

  private static long batchesRead(Checkpoint c) {
    return Long.parseLong(c.state().get("batches"));
  }

  /**
   * Threads per op and between ops, and Grappler's remapper off: it tries to fuse a layer's BiasAdd
   * and activation although the gradient reads the BiasAdd, fails ("remapper failed:
   * Mutation::Apply error") and then applies nothing, so turning it off costs nothing and silences
   * the error.
   */
  public static ConfigProto sessionConfig(int threads) {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(threads)
        .setGraphOptions(
            org.tensorflow.proto.GraphOptions.newBuilder()
                .setRewriteOptions(
                    org.tensorflow.proto.RewriterConfig.newBuilder()
                        .setRemapping(org.tensorflow.proto.RewriterConfig.Toggle.OFF)))
        .build();
  }
}
