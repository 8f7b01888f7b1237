package dev.t2i.cli;

import dev.t2i.curation.ClusterConfig;
import dev.t2i.curation.Clustering;
import dev.t2i.runtime.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code t2i cluster FILE}: image features, PCA and a Gaussian mixture, as the report curated
 * Flickr30k.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description =
        "Cluster a data set's images: features (a SavedModel such as VGG16 fc2, the in-project classifier, or pixels), "
            + "PCA, and a Gaussian mixture. Writes clusters.csv (select with dataset type: subset, clusters: [N]), sizes.txt, "
            + "contact-sheet.png, em.csv, bic.csv and report.json.")
final class ClusterCommand implements Callable<Integer> {
  @CommandLine.ParentCommand T2i parent;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The clustering's YAML file.")
  Path file;

  @Option(names = "--output", paramLabel = "DIR", description = "Override the output directory.")
  Path output;

  @Override
  public Integer call() throws Exception {
    ClusterConfig config = new ConfigLoader(parent.registry()).read(file, ClusterConfig.class);
    if (output != null) {
      config = config.withOutput(output);
    }
    Clustering.Outcome outcome =
        new Clustering(parent.registry(), new CliProgress(), new ProgressModule()).run(config);
    var out = spec.commandLine().getOut();
    out.print(outcome.summary().table());
    out.printf(
        "EM: %d iterations%s, mean log-likelihood %.4f, BIC %.1f%n",
        outcome.fit().iterations(),
        outcome.fit().converged() ? " (converged)" : " (iteration limit)",
        outcome.fit().meanLogLikelihood(),
        outcome.fit().bic());
    out.printf(
        "wrote %s: clusters.csv, sizes.txt, contact-sheet.png, em.csv, report.json%n",
        outcome.output());
    out.printf(
        "train on one cluster with  dataset: {type: subset, source: <this dataset>, assignments: %s, clusters: [0]}%n",
        outcome.output().resolve("clusters.csv"));
    return ExitCodes.OK;
  }
}
