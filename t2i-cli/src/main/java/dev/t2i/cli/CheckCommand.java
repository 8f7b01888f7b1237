package dev.t2i.cli;

import dev.t2i.runtime.ConfigLoader;
import dev.t2i.training.Experiment;
import dev.t2i.training.ExperimentConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code t2i check FILE}: validates an experiment without running it. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Validate an experiment file and assemble its components, without reading data or training. Exit 0 if valid, 2 with the located error otherwise.")
final class CheckCommand implements Callable<Integer> {
  @CommandLine.ParentCommand T2i parent;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The experiment's YAML file.")
  Path file;

  @CommandLine.Option(
      names = "--print",
      description = "Print the resolved configuration, every default filled in.")
  boolean print;

  @Override
  public Integer call() throws Exception {
    ConfigLoader loader = new ConfigLoader(parent.registry());
    ExperimentConfig config = loader.read(file, ExperimentConfig.class);
    Experiment e = Experiment.assemble(config, parent.registry());
    // Files the run will read that no record can check without reading data: they must exist now.
    com.fasterxml.jackson.databind.JsonNode vectors =
        e.tree(config).path("encoder").path("vectors").path("file");
    if (vectors.isTextual() && !java.nio.file.Files.isRegularFile(Path.of(vectors.asText()))) {
      throw new IllegalArgumentException(
          file + ": encoder.vectors.file: " + vectors.asText() + ": no such file");
    }
    if (print) {
      spec.commandLine().getOut().print(e.resolvedYaml());
    }
    spec.commandLine()
        .getOut()
        .printf(
            "%s: valid (%s, generator %d×%d, run directory %s)%n",
            file,
            e.discriminator().isPresent() ? "GAN" : "generator with a Euclidean loss",
            e.generator().imageSize(),
            e.generator().imageSize(),
            config.output());
    return ExitCodes.OK;
  }
}
