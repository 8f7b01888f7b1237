package dev.t2i.cli;

import dev.t2i.training.generate.ModelCriteria;
import dev.t2i.training.generate.SavedModelExport;
import dev.t2i.training.generate.TextToImage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code t2i export}: a run's text-to-image path as a SavedModel. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Export a trained run's text-to-image path as a TensorFlow SavedModel (signature 'generate').")
final class ExportCommand implements Callable<Integer> {
  @CommandLine.ParentCommand T2i parent;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run directory.")
  Path run;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "A new directory for the SavedModel.")
  Path out;

  @Override
  public Integer call() throws Exception {
    try (TextToImage model = ModelCriteria.run(run).plugins(parent.registry()).load()) {
      SavedModelExport.export(model, run, out);
      spec.commandLine().getOut().printf("exported %s (step %d) to %s%n", run, model.step(), out);
    }
    return ExitCodes.OK;
  }
}
