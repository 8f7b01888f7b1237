package dev.t2i.cli;

import dev.t2i.api.EncodedText;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.SkippedItem;
import dev.t2i.api.data.Split;
import dev.t2i.datasets.synthetic.SyntheticFlowersSettings;
import dev.t2i.datasets.synthetic.SyntheticFlowersSource;
import dev.t2i.datasets.synthetic.SyntheticFlowersWriter;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.training.Experiment;
import dev.t2i.training.ExperimentConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code t2i data}: make and inspect data sets. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Make and inspect data sets.",
    subcommands = {DataCommand.Synthetic.class, DataCommand.Inspect.class})
final class DataCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "synthetic",
      mixinStandardHelpOptions = true,
      description =
          "Write synthetic flowers to disk in the Oxford-102 layout (jpg/, text_c10/, labels.txt), with attributes.tsv and splits.txt.")
  static final class Synthetic implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--train", description = "Training images (default: ${DEFAULT-VALUE}).")
    int train = 12_000;

    @Option(names = "--test", description = "Test images (default: ${DEFAULT-VALUE}).")
    int test = 2_000;

    @Option(names = "--size", description = "Image side in pixels (default: ${DEFAULT-VALUE}).")
    int size = 64;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 2017;

    @Override
    public Integer call() throws Exception {
      DatasetIndex index =
          new SyntheticFlowersSource(new SyntheticFlowersSettings(seed, train, test, size, null, 0))
              .load();
      SyntheticFlowersWriter.write(index, out, 0.95f, new CliProgress());
      spec.commandLine()
          .getOut()
          .printf("wrote %d training and %d test images to %s%n", train, test, out);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description =
          "Load an experiment's data set and report images, captions, classes and splits, unknown words for its encoder, and skipped files.")
  static final class Inspect implements Callable<Integer> {
    @CommandLine.ParentCommand DataCommand data;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
        paramLabel = "FILE",
        description =
            "The experiment's YAML file, or a data set's folder in a layout t2i recognises: Oxford-102 (jpg/, text_c10/), "
                + "CUB-200-2011 (images.txt, images/) or Flickr30k (results_20130124.token or results.csv).")
    Path file;

    @Option(
        names = "--verify-images",
        description = "Decode every image and report those that fail.")
    boolean verify;

    @Option(
        names = "--skipped",
        description = "How many skipped items to list (default: ${DEFAULT-VALUE}).")
    int listSkipped = 20;

    @Override
    public Integer call() throws Exception {
      T2i root = (T2i) spec.parent().parent().userObject();
      DatasetIndex index;
      java.util.Optional<TextEncoder> encoder;
      if (java.nio.file.Files.isDirectory(file)) {
        index = DatasetFolders.index(file, root.registry());
        encoder = java.util.Optional.empty();
      } else {
        ExperimentConfig config =
            new ConfigLoader(root.registry()).read(file, ExperimentConfig.class);
        Experiment e = Experiment.assemble(config, root.registry(), new ProgressModule());
        index = e.index();
        encoder = e.encoder();
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("data set %s%n", index.name());
      index.provenance().forEach((k, v) -> out.printf("  %-24s %s%n", k, v));
      for (Split s : Split.values()) {
        var ex = index.split(s);
        long captions = ex.stream().mapToLong(x -> x.captions().size()).sum();
        long classes = ex.stream().map(Example::classId).filter(c -> c >= 0).distinct().count();
        out.printf(
            "%-6s %7d images %8d captions %4d classes%n", s.id(), ex.size(), captions, classes);
      }
      if (encoder.isPresent()) {
        reportUnknownWords(index, encoder.get(), out);
      }
      if (verify) {
        int bad = 0;
        for (Example x : index.examples()) {
          try {
            x.image().read();
          } catch (Exception ex) {
            bad++;
            if (bad <= listSkipped) {
              out.println("  undecodable: " + ex.getMessage());
            }
          }
        }
        out.printf("images that do not decode: %d of %d%n", bad, index.examples().size());
      }
      Map<String, Long> reasons =
          index.skipped().stream()
              .collect(
                  Collectors.groupingBy(
                      SkippedItem::reason, LinkedHashMap::new, Collectors.counting()));
      out.printf("skipped by the loader: %d%n", index.skipped().size());
      reasons.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(10)
          .forEach(r -> out.printf("  %6d  %s%n", r.getValue(), r.getKey()));
      index.skipped().stream().limit(listSkipped).forEach(s -> out.println("  " + s));
      return ExitCodes.OK;
    }

    private static void reportUnknownWords(
        DatasetIndex index, TextEncoder encoder, PrintWriter out) {
      for (Split s : Split.values()) {
        long tokens = 0;
        long unknown = 0;
        Map<String, Integer> words = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Example x : index.split(s)) {
          for (String c : x.captions()) {
            if (!seen.add(c)) {
              continue;
            }
            EncodedText t = encoder.encode(c);
            tokens += t.tokens();
            unknown += t.outOfVocabulary().size();
            t.outOfVocabulary().forEach(w -> words.merge(w, 1, Integer::sum));
          }
        }
        out.printf(
            "%-6s unknown words: %d of %d tokens (%.2f%%), %d distinct; most frequent: %s%n",
            s.id(),
            unknown,
            tokens,
            tokens == 0 ? 0.0 : 100.0 * unknown / tokens,
            words.size(),
            words.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(12)
                .map(w -> w.getKey() + "×" + w.getValue())
                .toList());
      }
    }
  }
}
