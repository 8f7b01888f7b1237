package dev.t2i.cli;

import dev.t2i.eval.EvalSettings;
import dev.t2i.eval.Evaluator;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code t2i eval}: measures whether a run's images match their sentences. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a trained run with evaluators trained in-project (attribute or class classifiers): accuracy of what the captions ask for, "
        + "Fréchet distance, KID, precision/recall, diversity and memorisation. Writes RUN/eval/report.json and RUN/eval/index.html.")
final class EvalCommand implements Callable<Integer> {
  @CommandLine.ParentCommand T2i parent;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run directory.")
  Path run;

  @Option(names = "--captions", description = "Test captions evaluated (default: ${DEFAULT-VALUE}).")
  int captions = 1000;

  @Option(names = "--samples", description = "Samples per caption (default: ${DEFAULT-VALUE}).")
  int samples = 4;

  @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--classifier-steps", description = "Training steps of the evaluator (default: 1500 attributes, 3000 classes).")
  int classifierSteps = 0;

  @Option(names = "--cache", paramLabel = "DIR", description = "Where trained evaluators are kept (default: the run's parent/.evaluators).")
  Path cache;

  @Override
  public Integer call() throws Exception {
    Path evaluators = cache != null ? cache : run.toAbsolutePath().getParent().resolve(".evaluators");
    Map<String, Object> report = new Evaluator(parent.registry(), new CliProgress())
        .evaluate(run, new EvalSettings(captions, samples, seed, classifierSteps, evaluators));
    spec.commandLine().getOut().printf("wrote %s and %s%n", run.resolve("eval/report.json"), run.resolve("eval/index.html"));
    Object generated = report.get("generated");
    if (generated instanceof Map<?, ?> g) {
      spec.commandLine().getOut().println("attribute accuracy: " + g.get("accuracyForMentionedAttributes"));
      spec.commandLine().getOut().println("held-out pairs: " + g.get("heldOutPairs"));
    }
    if (report.get("captionToClass") instanceof Map<?, ?> c) {
      spec.commandLine().getOut().println("caption to class: " + c);
    }
    return ExitCodes.OK;
  }
}
