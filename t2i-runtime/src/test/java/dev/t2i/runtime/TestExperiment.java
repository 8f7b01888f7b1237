package dev.t2i.runtime;

import dev.t2i.api.Checks;
import dev.t2i.api.Discriminator;
import dev.t2i.api.Generator;
import dev.t2i.api.TextEncoder;
import java.nio.file.Path;
import java.util.List;

/** A root settings record shaped like an experiment, for the loader's tests. */
public record TestExperiment(
    String name,
    Long seed,
    Path output,
    TextEncoder.Settings encoder,
    Generator.Settings generator,
    Discriminator.Settings discriminator,
    Schedule training) {

  public record Schedule(Integer batchSize, Double learningRate, List<String> captions) {
    public Schedule {
      batchSize = Checks.positive("batchSize", Checks.orDefault(batchSize, 64));
      learningRate = Checks.positive("learningRate", Checks.orDefault(learningRate, 2e-4));
      captions = List.copyOf(Checks.orDefault(captions, List.of()));
    }
  }

  public TestExperiment {
    name = Checks.orDefault(name, "experiment");
    seed = Checks.orDefault(seed, 42L);
    output = Checks.orDefault(output, Path.of("runs", name));
    Checks.required("encoder", encoder);
    Checks.required("generator", generator);
    training = Checks.orDefault(training, new Schedule(null, null, null));
  }
}
