package dev.t2i.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.t2i.api.Progress;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.Experiment;
import dev.t2i.training.ExperimentConfig;
import dev.t2i.training.generate.ModelCriteria;
import dev.t2i.training.generate.TextToImage;
import dev.t2i.training.output.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * {@code t2i eval}: evaluates a trained run and writes {@code eval/report.json} and {@code
 * eval/index.html} into its directory, with the {@link Evaluation} that fits the run's data set:
 * synthetic flowers attribute by attribute, data sets with classes by class.
 */
public final class Evaluator {
  private final PluginRegistry registry;
  private final Progress.Factory progress;

  public Evaluator(PluginRegistry registry, Progress.Factory progress) {
    this.registry = registry;
    this.progress = progress;
  }

  /**
   * The evaluation on the class path that fits {@code index} best.
   *
   * @throws IllegalArgumentException if none fits; the message says what each needs
   */
  static Evaluation choose(DatasetIndex index) {
    List<Evaluation> all =
        ServiceLoader.load(Evaluation.class, Evaluator.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    return all.stream()
        .filter(e -> e.fit(index).isPresent())
        .max(Comparator.comparingInt(e -> e.fit(index).getAsInt()))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no evaluation applies to the data set "
                        + index.name()
                        + ": "
                        + all.stream()
                            .map(e -> e.name() + " needs " + e.needs())
                            .collect(Collectors.joining("; "))));
  }

  /** Where the report of checkpoint {@code step} (0: the newest) of {@code run} is written. */
  public static Path reportDirectory(Path run, long step) {
    return step <= 0
        ? run.resolve("eval")
        : run.resolve("eval").resolve(String.format("step-%08d", step));
  }

  /**
   * Evaluates the newest checkpoint of the run in {@code run}; returns the report, also written to
   * {@code run/eval/}.
   */
  public Map<String, Object> evaluate(Path run, EvalSettings settings) throws Exception {
    return evaluate(run, settings, 0);
  }

  /**
   * Evaluates the checkpoint of training step {@code step} (0: the newest) of the run in {@code
   * run}; returns the report, also written to {@code run/eval/} for the newest and to {@code
   * run/eval/step-NNNNNNNN/} for another.
   */
  public Map<String, Object> evaluate(Path run, EvalSettings settings, long step) throws Exception {
    RunDirectory dir = RunDirectory.existing(run);
    ExperimentConfig config =
        new ConfigLoader(registry).read(dir.config(), ExperimentConfig.class).withOutput(run);
    DatasetIndex index = Experiment.assemble(config, registry).index();
    Map<String, Object> report = new LinkedHashMap<>();
    ModelCriteria criteria = ModelCriteria.run(run).plugins(registry);
    try (TextToImage model = criteria.step(step).load();
        TextToImage untrained = criteria.initialWeights().load()) {
      report.put("run", run.toString());
      report.put("step", model.step());
      report.put("dataset", index.name());
      report.put("resolution", model.imageSize() + "x" + model.imageSize());
      report.put("seed", settings.seed());
      report.put("split", settings.splitOf(index).id());
      report.put("time", Instant.now().toString());
      Evaluation evaluation = choose(index);
      report.put("evaluation", evaluation.name());
      report.putAll(evaluation.evaluate(index, settings, progress, model, untrained));
      Path out = reportDirectory(run, step);
      Files.createDirectories(out);
      RunDirectory.writeAtomically(
          out.resolve("report.json"),
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
      new EvalPage(report, model, run).write(out);
    }
    return report;
  }
}
