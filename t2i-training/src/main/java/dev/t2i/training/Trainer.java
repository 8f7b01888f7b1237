package dev.t2i.training;

import dev.t2i.api.EncodedText;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.Split;
import dev.t2i.api.train.Checkpoint;
import dev.t2i.api.train.TrainingEvent;
import dev.t2i.api.train.TrainingListener;
import dev.t2i.datasets.pipeline.Batch;
import dev.t2i.datasets.pipeline.BatchLoader;
import dev.t2i.datasets.pipeline.BatchSpec;
import dev.t2i.datasets.pipeline.Prefetcher;
import dev.t2i.runtime.ConfigException;
import dev.t2i.training.checkpoint.DirectoryCheckpointStore;
import dev.t2i.training.output.ImageGrid;
import dev.t2i.training.output.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Trains an {@link Experiment}.
 *
 * <p>Every source of randomness is a function of the seed and a counter: initial weights of the
 * seed and each variable's name, batches of the seed and the batch number, noise of the seed and
 * the step. A checkpoint therefore needs only the weights, the optimizer's slots and two counters
 * to resume exactly where the run was.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  /** How to run. */
  public record Options(boolean resume, List<TrainingListener> listeners) {
    public Options {
      listeners = List.copyOf(listeners);
    }
  }

  /** How a run ended. */
  public record Outcome(long step, String reason, Path runDirectory, Optional<Checkpoint> checkpoint) {}

  private final Experiment experiment;
  private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean stopRequested;

  public Trainer(Experiment experiment) {
    this.experiment = experiment;
  }

  /** Asks the run to stop after the current step, saving a checkpoint first. Safe from any thread. */
  public void requestStop() {
    stopRequested = true;
  }

  private void emit(TrainingEvent e) {
    for (TrainingListener l : listeners) {
      l.on(e);
    }
  }

  /** Trains until the configured number of steps, a stop request, or a failure. */
  public Outcome train(Options options) throws IOException, InterruptedException {
    listeners.addAll(options.listeners());
    ExperimentConfig config = experiment.config();
    TrainingSettings t = config.training();
    RunDirectory run = RunDirectory.prepare(config.output(), RunDirectory.MIN_FREE_BYTES);
    DirectoryCheckpointStore store = new DirectoryCheckpointStore(run.checkpoints(), t.keepCheckpoints());
    Optional<Checkpoint> latest = store.latest();
    if (latest.isPresent() && !options.resume()) {
      throw new IllegalStateException(config.output() + " already has a checkpoint (step " + latest.get().step()
          + "): use --resume to continue it, or choose another output directory");
    }
    checkConfigUnchanged(run, options.resume() && latest.isPresent());
    RunDirectory.writeAtomically(run.config(), experiment.resolvedYaml());

    DatasetIndex index = experiment.index();
    List<Example> train = index.split(Split.TRAIN);
    TextShape textShape = experiment.encoder().map(TextEncoder::shape).orElse(null);
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("seed", config.seed());
    provenance.put("dataset", index.provenance());
    provenance.put("trainExamples", train.size());
    provenance.put("skippedByLoader", index.skipped().size());
    provenance.put("resumedFrom", latest.map(c -> c.step()).orElse(0L));
    provenance.put("precision", t.precision().resolve().id() + " (" + t.precision().reason() + ")");
    LOG.info("convolutions and matrix products in {} ({})", t.precision().resolve().id(), t.precision().reason());
    run.writeProvenance(provenance);

    var requirements = experiment.loss().requirements();
    BatchSpec spec = new BatchSpec(t.batchSize(), experiment.generator().imageSize(), textShape,
        requirements.mismatchedText(), experiment.discriminator().isPresent() && t.discriminatorReals() == RealImages.RANDOM, true);
    BatchLoader loader = new BatchLoader(train, experiment.encoder().orElse(null), spec, config.pipeline(), config.seed());
    NoiseSource noise = new NoiseSource(config.seed(), experiment.generator().noiseDimension());
    Samples samples = new Samples(index, experiment, t.samples(), experiment.generator().noiseDimension());

    try (Graph graph = new Graph()) {
      TrainingGraph g = new TrainingGraph(graph, config.seed(), experiment.generator(), experiment.discriminator(),
          experiment.loss(), textShape, t);
      ConfigProto proto = sessionConfig(t.threads());
      try (Session session = new Session(graph, proto)) {
        long step = 0;
        long batches = 0;
        if (latest.isPresent() && options.resume()) {
          session.restore(latest.get().variables().toString());
          step = latest.get().step();
          batches = Long.parseLong(latest.get().state().get("batches"));
          LOG.info("resumed {} at step {}", latest.get().directory(), step);
        } else {
          session.initialize();
        }
        emit(new TrainingEvent.Started(step, t.steps(), run.root()));
        String reason = "completed";
        long lastSaved = latest.map(Checkpoint::step).orElse(-1L);
        Checkpoint saved = latest.orElse(null);
        double secondsPerStep = 0;
        try (Prefetcher prefetch = new Prefetcher(loader, batches, config.pipeline().prefetch(), config.pipeline().workers())) {
          while (step < t.steps()) {
            if (stopRequested) {
              reason = "interrupted";
              break;
            }
            long started = System.nanoTime();
            Map<String, Float> losses = new LinkedHashMap<>();
            for (int k = 0; k < t.discriminatorSteps(); k++) {
              boolean last = k == t.discriminatorSteps() - 1;
              try (Batch b = prefetch.next()) {
                batches++;
                warnSkipped(b);
                runStep(session, g, b, noise, step, k, last, losses);
              }
            }
            step++;
            for (Map.Entry<String, Float> e : losses.entrySet()) {
              if (!Float.isFinite(e.getValue())) {
                String msg = String.format("step %d: %s is %s; stopping. The last good checkpoint is %s. "
                        + "Lower the learning rates, or check the data.", step, e.getKey(), e.getValue(),
                    saved == null ? "none (no checkpoint was written yet)" : saved.directory());
                emit(new TrainingEvent.Finished(step, msg));
                throw new TrainingFailure(msg);
              }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            secondsPerStep = secondsPerStep == 0 ? seconds : 0.9 * secondsPerStep + 0.1 * seconds;
            emit(new TrainingEvent.StepCompleted(step, t.steps(), losses, secondsPerStep));
            if (t.sampleEvery() > 0 && step % t.sampleEvery() == 0) {
              Path png = samples.write(session, g, run.samples().resolve(String.format("step-%08d.png", step)));
              emit(new TrainingEvent.SampleWritten(step, png));
            }
            if (t.checkpointEvery() > 0 && step % t.checkpointEvery() == 0) {
              saved = save(store, session, step, batches, losses);
              lastSaved = step;
            }
          }
        }
        if (lastSaved != step) {
          saved = save(store, session, step, batches, Map.of());
        }
        Path finalSamples = run.samples().resolve("final.png");
        samples.write(session, g, finalSamples);
        emit(new TrainingEvent.SampleWritten(step, finalSamples));
        emit(new TrainingEvent.Finished(step, reason));
        return new Outcome(step, reason, run.root(), Optional.ofNullable(saved));
      }
    }
  }

  /**
   * Threads per op and between ops, and Grappler's remapper off: it tries to fuse a layer's
   * BiasAdd and activation although the gradient reads the BiasAdd, fails ("remapper failed:
   * Mutation::Apply error") and then applies nothing, so turning it off costs nothing and
   * silences the error.
   */
  public static ConfigProto sessionConfig(int threads) {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(threads)
        .setGraphOptions(org.tensorflow.proto.GraphOptions.newBuilder()
            .setRewriteOptions(org.tensorflow.proto.RewriterConfig.newBuilder()
                .setRemapping(org.tensorflow.proto.RewriterConfig.Toggle.OFF)))
        .build();
  }

  private void runStep(Session session, TrainingGraph g, Batch b, NoiseSource noise, long step, int k, boolean last,
      Map<String, Float> losses) {
    List<TFloat32> owned = new ArrayList<>();
    try {
      Session.Runner r = session.runner().feed(g.images, b.images());
      if (g.text != null) {
        r.feed(g.text, b.text());
      }
      if (g.mask != null) {
        r.feed(g.mask, b.mask());
      }
      if (g.mismatchedText != null) {
        r.feed(g.mismatchedText, b.mismatchedText());
        if (g.mismatchedMask != null) {
          r.feed(g.mismatchedMask, b.mismatchedMask());
        }
      }
      if (g.randomImages != null) {
        r.feed(g.randomImages, b.randomImages());
      }
      if (g.noise != null) {
        TFloat32 z = noise.tensor(step, k, (int) b.images().shape().get(0));
        owned.add(z);
        r.feed(g.noise, z);
      }
      if (g.discriminatorStep != null) {
        r.addTarget(g.discriminatorStep);
      }
      if (!last) {
        r.run().close();
        return;
      }
      r.addTarget(g.generatorStep);
      // One fetch per distinct tensor: a loss may also be one of the named parts.
      Map<String, Operand<TFloat32>> wanted = new LinkedHashMap<>();
      if (g.discriminatorLoss != null) {
        wanted.put("d", g.discriminatorLoss);
      }
      wanted.put("g", g.generatorLoss);
      wanted.putAll(g.parts);
      List<Operand<TFloat32>> fetched = new ArrayList<>();
      Map<String, Integer> slot = new LinkedHashMap<>();
      for (Map.Entry<String, Operand<TFloat32>> e : wanted.entrySet()) {
        int i = fetched.indexOf(e.getValue());
        if (i < 0) {
          i = fetched.size();
          fetched.add(e.getValue());
          r.fetch(e.getValue());
        }
        slot.put(e.getKey(), i);
      }
      try (Result res = r.run()) {
        slot.forEach((name, i) -> losses.put(name, ((TFloat32) res.get(i)).getFloat()));
      }
    } finally {
      owned.forEach(TFloat32::close);
    }
  }

  private Checkpoint save(DirectoryCheckpointStore store, Session session, long step, long batches, Map<String, Float> losses)
      throws IOException {
    Map<String, String> state = new LinkedHashMap<>();
    state.put("batches", Long.toString(batches));
    state.put("seed", Long.toString(experiment.config().seed()));
    state.put("time", java.time.Instant.now().toString());
    losses.forEach((k, v) -> state.put("loss_" + k, Float.toString(v)));
    Checkpoint c = store.save(step, state, staging -> session.save(staging.resolve("variables").toString()));
    emit(new TrainingEvent.CheckpointSaved(step, c.directory()));
    return c;
  }

  private void warnSkipped(Batch b) {
    for (String s : b.skipped()) {
      LOG.warn("skipped an image that does not decode: {}", s);
    }
  }

  /**
   * A resumed run must be the same experiment: only {@code training.steps} may change, so that a
   * run can be extended, and the output folder, so that a run can be moved. The saved file is
   * resolved again, so a setting added by a newer version compares equal to its default.
   */
  private void checkConfigUnchanged(RunDirectory run, boolean resuming) throws IOException {
    if (!resuming || !Files.exists(run.config())) {
      return;
    }
    String before;
    try {
      before = experiment.resolvedYaml(run.config());
    } catch (ConfigException e) {
      throw new IllegalStateException("cannot resume " + run.root() + ": the configuration it was trained with no longer reads: "
          + e.getMessage(), e);
    }
    String now = experiment.resolvedYaml();
    List<String> a = comparable(before);
    List<String> b = comparable(now);
    if (!a.equals(b)) {
      LinkedHashSet<String> diff = new LinkedHashSet<>(b);
      a.forEach(diff::remove);
      throw new IllegalStateException("the configuration differs from the one " + run.root() + " was trained with"
          + " (only training.steps and the output folder may change on --resume); first difference: " + diff.stream().findFirst().orElse("(removed lines)"));
    }
  }

  /** The lines that must not change on resume: all but the step count and the run folder (a run may be moved). */
  private static List<String> comparable(String yaml) {
    return yaml.lines().filter(l -> !l.matches("\\s+steps: \\d+") && !l.startsWith("output: ")).toList();
  }

  /** The fixed captions and noise of the sample grids. */
  private static final class Samples {
    final List<String> captions;
    final int perCaption;
    final TFloat32 text;
    final TFloat32 mask;
    final TFloat32 noise;
    final int size;

    Samples(DatasetIndex index, Experiment e, SampleSettings s, int noiseDimension) {
      List<String> chosen = new ArrayList<>(s.captions());
      if (chosen.isEmpty()) {
        List<Example> pool = index.split(Split.TEST).isEmpty() ? index.split(Split.TRAIN) : index.split(Split.TEST);
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (Example x : pool) {
          distinct.add(x.captions().get(0));
          if (distinct.size() == s.count()) {
            break;
          }
        }
        chosen.addAll(distinct);
      }
      this.captions = chosen;
      this.perCaption = s.perCaption();
      this.size = e.generator().imageSize();
      int rows = captions.size() * perCaption;
      TextShape shape = e.encoder().map(TextEncoder::shape).orElse(null);
      if (shape != null) {
        float[] v = new float[rows * shape.size()];
        float[] m = new float[rows * shape.steps()];
        for (int c = 0; c < captions.size(); c++) {
          EncodedText enc = e.encoder().get().encode(captions.get(c));
          for (int j = 0; j < perCaption; j++) {
            int row = c * perCaption + j;
            System.arraycopy(enc.values(), 0, v, row * shape.size(), shape.size());
            System.arraycopy(enc.mask(), 0, m, row * shape.steps(), shape.steps());
          }
        }
        text = TFloat32.tensorOf(shape.sequence() ? Shape.of(rows, shape.steps(), shape.dimension()) : Shape.of(rows, shape.dimension()),
            DataBuffers.of(v));
        mask = shape.sequence() ? TFloat32.tensorOf(Shape.of(rows, shape.steps()), DataBuffers.of(m)) : null;
      } else {
        text = null;
        mask = null;
      }
      if (noiseDimension > 0) {
        // Column j has the same noise in every row, so rows differ only by their caption.
        float[] column = new NoiseSource(s.noiseSeed(), noiseDimension).values(0, 0, perCaption);
        float[] z = new float[rows * noiseDimension];
        for (int row = 0; row < rows; row++) {
          System.arraycopy(column, (row % perCaption) * noiseDimension, z, row * noiseDimension, noiseDimension);
        }
        noise = TFloat32.tensorOf(Shape.of(rows, noiseDimension), DataBuffers.of(z));
      } else {
        noise = null;
      }
    }

    Path write(Session session, TrainingGraph g, Path png) throws IOException {
      Session.Runner r = session.runner().fetch(g.samples);
      if (g.sampleText != null) {
        r.feed(g.sampleText, text);
      }
      if (g.sampleMask != null) {
        r.feed(g.sampleMask, mask);
      }
      if (g.sampleNoise != null) {
        r.feed(g.sampleNoise, noise);
      }
      try (Result res = r.run()) {
        TFloat32 images = (TFloat32) res.get(0);
        float[] v = new float[(int) images.size()];
        images.copyTo(DataBuffers.of(v, false, false));
        ImageGrid.writePng(ImageGrid.grid(v, size, captions.size(), perCaption, captions, 2), png);
      }
      return png;
    }
  }
}
