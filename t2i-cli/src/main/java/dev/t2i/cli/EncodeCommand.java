package dev.t2i.cli;

import dev.t2i.api.EncodedText;
import dev.t2i.api.TextEncoder;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.training.Experiment;
import dev.t2i.training.ExperimentConfig;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code t2i encode}: shows what an experiment's encoder makes of a sentence. */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description =
        "Encode a sentence with an experiment's encoder: shape, tokens, unknown words and the first values.")
final class EncodeCommand implements Callable<Integer> {
  @CommandLine.ParentCommand T2i parent;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The experiment's YAML file.")
  java.nio.file.Path file;

  @Option(names = "--text", required = true, paramLabel = "SENTENCE")
  String text;

  @Override
  public Integer call() throws Exception {
    ExperimentConfig config =
        new ConfigLoader(parent.registry()).read(file, ExperimentConfig.class);
    TextEncoder encoder =
        Experiment.assemble(config, parent.registry(), new ProgressModule())
            .encoder()
            .orElseThrow(
                () -> new IllegalArgumentException(file + ": the experiment has no encoder"));
    EncodedText e = encoder.encode(text);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("shape: %s%n", encoder.shape());
    out.printf(
        "tokens: %d, real steps: %d, unknown: %s%n", e.tokens(), e.length(), e.outOfVocabulary());
    float[] head = Arrays.copyOf(e.values(), Math.min(8, e.values().length));
    double norm = 0;
    for (float v : e.values()) {
      norm += v * v;
    }
    out.printf("values: %s ... (norm %.4f)%n", Arrays.toString(head), Math.sqrt(norm));
    return ExitCodes.OK;
  }
}
