package dev.t2i.cli;

import dev.t2i.api.data.Split;
import dev.t2i.api.train.Checkpoint;
import dev.t2i.eval.EvalSettings;
import dev.t2i.eval.Evaluator;
import dev.t2i.training.checkpoint.DirectoryCheckpointStore;
import dev.t2i.training.output.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code t2i eval}: measures whether a run's images match their sentences. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate a trained run with evaluators trained in-project (attribute or class classifiers): accuracy of what the captions ask for, "
            + "Fréchet distance, KID, precision/recall, diversity and memorisation. Writes RUN/eval/report.json and RUN/eval/index.html.")
final class EvalCommand implements Callable<Integer> {
  /** Reads {@code validation} or {@code test}. */
  static final class SplitConverter implements CommandLine.ITypeConverter<Split> {
    @Override
    public Split convert(String value) {
      return switch (value) {
        case "validation" -> Split.VALIDATION;
        case "test" -> Split.TEST;
        default ->
            throw new CommandLine.TypeConversionException(
                "expected validation or test, was '" + value + "'");
      };
    }
  }

  @CommandLine.ParentCommand T2i parent;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run directory.")
  Path run;

  @Option(
      names = "--captions",
      description = "Test captions evaluated (default: ${DEFAULT-VALUE}).")
  int captions = 1000;

  @Option(names = "--samples", description = "Samples per caption (default: ${DEFAULT-VALUE}).")
  int samples = 4;

  @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = "--classifier-steps",
      description = "Training steps of the evaluator (default: 1500 attributes, 3000 classes).")
  int classifierSteps = 0;

  @Option(
      names = "--step",
      split = ",",
      paramLabel = "N",
      description =
          "Evaluate the checkpoint of these training steps instead of the newest (reports in RUN/eval/step-N/); e.g. --step 3000,4500.")
  List<Long> steps = List.of();

  @Option(
      names = "--every-checkpoint",
      description =
          "Evaluate every checkpoint the run kept, oldest first, and print the figures by step.")
  boolean everyCheckpoint;

  @Option(
      names = "--split",
      paramLabel = "SPLIT",
      converter = SplitConverter.class,
      description =
          "validation (compare configurations on it) or test (report once); default: validation where the data set has one, else test.")
  Split split;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Where trained evaluators are kept (default: the run's parent/.evaluators).")
  Path cache;

  @Override
  public Integer call() throws Exception {
    if (everyCheckpoint && !steps.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "use --step or --every-checkpoint, not both");
    }
    Path evaluators =
        cache != null ? cache : run.toAbsolutePath().getParent().resolve(".evaluators");
    EvalSettings settings =
        new EvalSettings(captions, samples, seed, classifierSteps, evaluators, split);
    Evaluator evaluator = new Evaluator(parent.registry(), new CliProgress());
    PrintWriter out = spec.commandLine().getOut();
    List<Long> chosen =
        everyCheckpoint
            ? new DirectoryCheckpointStore(
                    RunDirectory.existing(run).checkpoints(), Integer.MAX_VALUE)
                .list().stream().map(Checkpoint::step).toList()
            : steps.isEmpty() ? List.of(0L) : steps;
    List<Map<String, Object>> reports = new ArrayList<>();
    for (long step : chosen) {
      Map<String, Object> report = evaluator.evaluate(run, settings, step);
      reports.add(report);
      Path dir = Evaluator.reportDirectory(run, step);
      out.printf(
          "step %s: wrote %s and %s%n",
          report.get("step"), dir.resolve("report.json"), dir.resolve("index.html"));
      if (report.get("generated") instanceof Map<?, ?> g) {
        out.println("attribute accuracy: " + g.get("accuracyForMentionedAttributes"));
        out.println("held-out pairs: " + g.get("heldOutPairs"));
        out.println("held-out sentence forms: " + g.get("heldOutForms"));
      }
      if (report.get("noise") instanceof Map<?, ?> n) {
        out.println(
            "noise: diversity ratio "
                + n.get("diversityRatio")
                + ", entropy ratio "
                + n.get("entropyRatio"));
      }
      if (report.get("groups") instanceof Map<?, ?> groups) {
        groups.forEach(
            (name, g) -> {
              if (g instanceof Map<?, ?> m) {
                out.printf(
                    "%s: caption to class %s, FD ratio %s, diversity %s%n",
                    name,
                    m.get("captionToClass"),
                    m.get("frechetRatio"),
                    m.get("diversity") instanceof Map<?, ?> d ? d.get("ratio") : null);
              }
            });
      }
      out.flush();
    }
    if (reports.size() > 1) {
      out.print(byStep(reports));
    }
    return ExitCodes.OK;
  }

  /** The colour accuracies of several checkpoints, one row per step. */
  static String byStep(List<Map<String, Object>> reports) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                "%8s  %6s  %6s  %15s  %15s%n",
                "step", "petal", "centre", "held-out petal", "held-out centre"));
    for (Map<String, Object> r : reports) {
      if (r.get("generated") instanceof Map<?, ?> g) {
        b.append(
            String.format(
                "%8s  %6s  %6s  %15s  %15s%n",
                r.get("step"),
                accuracy(g.get("accuracyForMentionedAttributes"), "petal_color"),
                accuracy(g.get("accuracyForMentionedAttributes"), "center_color"),
                accuracy(g.get("heldOutPairs"), "petal_color"),
                accuracy(g.get("heldOutPairs"), "center_color")));
      }
    }
    return b.toString();
  }

  private static String accuracy(Object byAttribute, String attribute) {
    if (byAttribute instanceof Map<?, ?> m
        && m.get(attribute) instanceof Map<?, ?> a
        && a.get("accuracy") instanceof Number n) {
      return String.format("%.3f", n.doubleValue());
    }
    return "-";
  }
}
