package dev.t2i.cli;

import dev.t2i.api.train.TrainingListener;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.training.Experiment;
import dev.t2i.training.ExperimentConfig;
import dev.t2i.training.Trainer;
import dev.t2i.training.generate.ModelCriteria;
import dev.t2i.training.generate.SavedModelExport;
import dev.t2i.training.generate.TextToImage;
import dev.t2i.training.output.MetricsLog;
import dev.t2i.training.output.TensorBoardWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code t2i train FILE}: trains an experiment. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train an experiment. Ctrl-C (or SIGTERM) saves a checkpoint and stops; --resume continues from the newest checkpoint.")
final class TrainCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("t2i");

  @CommandLine.ParentCommand T2i parent;

  @Parameters(paramLabel = "FILE", description = "The experiment's YAML file.")
  Path file;

  @Option(
      names = "--resume",
      description = "Continue from the newest checkpoint of the run directory.")
  boolean resume;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Override training.steps (extends a resumed run).")
  Long steps;

  @Option(names = "--output", paramLabel = "DIR", description = "Override the run directory.")
  Path output;

  @Option(
      names = "--export",
      paramLabel = "DIR",
      description = "Export a SavedModel of the text-to-image path when done.")
  Path export;

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Train for this long (e.g. 30m, 2h, 90s), then checkpoint and exit 0: one segment of a longer run; "
              + "continue with --resume.")
  java.time.Duration budget;

  /** Reads {@code 90s}, {@code 30m}, {@code 2h}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String value) {
      var m = java.util.regex.Pattern.compile("(\\d{1,6})([smh])").matcher(value.strip());
      if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
        throw new CommandLine.TypeConversionException(
            "expected a positive whole number of seconds, minutes or hours such as 90s, 30m "
                + "or 2h, got '"
                + value
                + "'");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> java.time.Duration.ofSeconds(n);
        case "m" -> java.time.Duration.ofMinutes(n);
        default -> java.time.Duration.ofHours(n);
      };
    }
  }

  @Override
  public Integer call() throws Exception {
    ExperimentConfig config =
        new ConfigLoader(parent.registry()).read(file, ExperimentConfig.class);
    if (steps != null) {
      config = config.withTraining(config.training().withSteps(steps));
    }
    if (output != null) {
      config = config.withOutput(output);
    }
    return train(parent, config, resume, export, budget);
  }

  /**
   * Trains {@code config} with a progress bar, TensorBoard events and metrics; shared with
   * quickstart.
   */
  static int train(T2i parent, ExperimentConfig config, boolean resume, Path export)
      throws Exception {
    return train(parent, config, resume, export, null);
  }

  /** As above, stopping with a checkpoint once {@code budget} (null: none) has passed. */
  static int train(
      T2i parent, ExperimentConfig config, boolean resume, Path export, java.time.Duration budget)
      throws Exception {
    Experiment experiment = Experiment.assemble(config, parent.registry(), new ProgressModule());
    Trainer trainer = new Trainer(experiment);
    java.util.concurrent.atomic.AtomicBoolean spent =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "t2i-train-budget");
              t.setDaemon(true);
              return t;
            });
    // The budget counts training, from the run's start or resume, not building the graph.
    TrainingListener budgetTimer =
        event -> {
          if (budget != null && event instanceof dev.t2i.api.train.TrainingEvent.Started) {
            timer.schedule(
                () -> {
                  spent.set(true);
                  LOG.info(
                      "the segment's {} are up: saving a checkpoint after this step",
                      CliProgress.duration(budget.toSeconds()));
                  trainer.requestStop();
                },
                budget.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
          }
        };
    try (StopSignals signals = StopSignals.install(trainer);
        TensorBoardWriter tensorboard =
            new TensorBoardWriter(
                config.output().resolve("events"),
                Map.of(
                    "learning_rate/generator",
                        config.training().generatorOptimizer().learningRate().floatValue(),
                    "learning_rate/discriminator",
                        config.training().discriminatorOptimizer().learningRate().floatValue()),
                config.training().logEvery());
        MetricsLog metrics =
            new MetricsLog(config.output().resolve("metrics.csv"), config.training().logEvery())) {
      List<TrainingListener> listeners =
          new ArrayList<>(List.of(budgetTimer, CliProgress.training(), tensorboard, metrics));
      long started = System.nanoTime();
      Trainer.Outcome outcome = trainer.train(new Trainer.Options(resume, listeners));
      LOG.info(
          "{} at step {} after {}: {}",
          outcome.outcome().name().toLowerCase(java.util.Locale.ROOT),
          outcome.step(),
          CliProgress.duration((System.nanoTime() - started) / 1e9),
          outcome.runDirectory());
      if (outcome.outcome() == dev.t2i.api.train.RunOutcome.INTERRUPTED) {
        LOG.info(
            spent.get()
                ? "segment done; continue with: t2i train <file> --resume"
                : "resume with: t2i train <file> --resume");
        return spent.get() ? ExitCodes.OK : ExitCodes.INTERRUPTED;
      }
    } finally {
      timer.shutdownNow();
    }
    if (export != null) {
      try (TextToImage model =
          ModelCriteria.run(config.output()).plugins(parent.registry()).load()) {
        SavedModelExport.export(model, config.output(), export);
        LOG.info("exported the SavedModel to {}", export);
      }
    }
    return ExitCodes.OK;
  }
}
