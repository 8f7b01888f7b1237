package dev.t2i.cli;

import dev.t2i.training.generate.ModelPackager;
import dev.t2i.training.pretrained.ModelCard;
import dev.t2i.training.pretrained.PretrainedModels;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code t2i models}: the shipped models, or {@code --package} a run as one. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description =
        "List the pretrained models on the class path (use one with 't2i generate --model NAME'); "
            + "with --package, make one from a trained run.")
final class ModelsCommand implements Callable<Integer> {
  @CommandLine.ParentCommand T2i parent;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--package",
      paramLabel = "RUN",
      description = "Package this run's newest checkpoint as a model.")
  Path run;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "With --package: the model's name (lower case, digits, dashes).")
  String name;

  @Option(
      names = "--summary",
      paramLabel = "TEXT",
      description = "With --package: one line on what the model is.")
  String summary = "";

  @Option(
      names = "--can",
      paramLabel = "TEXT",
      description = "With --package: something it draws, measured (repeatable).")
  List<String> can = List.of();

  @Option(
      names = "--cannot",
      paramLabel = "TEXT",
      description = "With --package: something it does not draw, measured (repeatable).")
  List<String> cannot = List.of();

  @Option(
      names = "--caption",
      paramLabel = "SENTENCE",
      description = "With --package: the reference caption (default: ${DEFAULT-VALUE}).")
  String caption = "this flower has pink petals and a yellow center";

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "With --package: the resources folder to write into " + "(default: ${DEFAULT-VALUE}).")
  Path out = Path.of("t2i-pretrained/src/main/resources");

  @Override
  public Integer call() throws Exception {
    PrintWriter w = spec.commandLine().getOut();
    if (run != null) {
      if (name == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--package needs --name NAME");
      }
      ModelCard card =
          ModelPackager.write(
              run,
              new ModelPackager.Description(name, summary, can, cannot, caption),
              out,
              parent.registry());
      long bytes = card.files().stream().mapToLong(ModelCard.ModelFile::bytes).sum();
      w.printf(
          "packaged %s (step %d) as '%s': %d files, %.1f MB, in %s%n",
          run,
          card.step(),
          name,
          card.files().size(),
          bytes / 1e6,
          out.resolve(PretrainedModels.ROOT + name));
      return ExitCodes.OK;
    }
    List<ModelCard> cards = PretrainedModels.onClassPath().list();
    if (cards.isEmpty()) {
      w.println("no pretrained model on the class path (the t2i-pretrained artifact ships them)");
    }
    for (ModelCard c : cards) {
      long bytes = c.files().stream().mapToLong(ModelCard.ModelFile::bytes).sum();
      w.printf("%-22s %s (step %d, %.1f MB)%n", c.name(), c.summary(), c.step(), bytes / 1e6);
      c.canDraw().forEach(s -> w.println("    draws: " + s));
      c.cannotDraw().forEach(s -> w.println("    not yet: " + s));
    }
    return ExitCodes.OK;
  }
}
