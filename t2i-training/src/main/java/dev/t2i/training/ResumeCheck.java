package dev.t2i.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.t2i.runtime.ConfigException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A resumed run must be the experiment it was trained as. The configuration it was saved with and
 * the one given now are compared as settings records, field by field; only the resumable fields may
 * differ: {@code training.steps} (a run may be extended) and {@code output} (a run may be moved).
 * The saved file is read with today's plugins, so a setting added since then compares equal to its
 * default.
 */
final class ResumeCheck {
  /** The fields a resumed run may change. */
  static final Set<String> RESUMABLE = Set.of("training.steps", "output");

  private ResumeCheck() {}

  /**
   * @param savedConfig the run's {@code config.yaml}
   * @throws IllegalStateException naming the first field that differs, or why the saved file no
   *     longer reads
   */
  static void verify(Experiment experiment, Path savedConfig) {
    ExperimentConfig saved;
    try {
      saved = experiment.read(savedConfig);
    } catch (ConfigException e) {
      throw new IllegalStateException(
          "cannot resume "
              + savedConfig.getParent()
              + ": the configuration it was trained with ("
              + savedConfig
              + ") no longer reads: "
              + e.getMessage(),
          e);
    }
    ExperimentConfig now = experiment.config();
    ExperimentConfig comparable =
        saved
            .withOutput(now.output())
            .withTraining(saved.training().withSteps(now.training().steps()));
    JsonNode before = experiment.tree(comparable);
    JsonNode after = experiment.tree(now);
    firstDifference("", before, after)
        .ifPresent(
            d -> {
              throw new IllegalStateException(
                  "the configuration differs from the one "
                      + savedConfig.getParent()
                      + " was trained with"
                      + " (only "
                      + String.join(" and ", RESUMABLE.stream().sorted().toList())
                      + " may change on --resume); first difference: "
                      + d);
            });
  }

  /**
   * The first field, in document order, whose value differs: {@code "generator.ngf: 8 (was 4)"}.
   */
  static Optional<String> firstDifference(String path, JsonNode before, JsonNode after) {
    if (before != null && after != null && before.isObject() && after.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      after.fieldNames().forEachRemaining(names::add);
      before.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        Optional<String> d =
            firstDifference(
                path.isEmpty() ? name : path + "." + name, before.get(name), after.get(name));
        if (d.isPresent()) {
          return d;
        }
      }
      return Optional.empty();
    }
    if (before != null
        && after != null
        && before.isArray()
        && after.isArray()
        && before.size() == after.size()) {
      Iterator<JsonNode> a = before.elements();
      Iterator<JsonNode> b = after.elements();
      for (int i = 0; a.hasNext(); i++) {
        Optional<String> d = firstDifference(path + "[" + i + "]", a.next(), b.next());
        if (d.isPresent()) {
          return d;
        }
      }
      return Optional.empty();
    }
    if (before == null
        ? after == null || after.isNull()
        : before.equals(after) || (after == null && before.isNull())) {
      return Optional.empty();
    }
    return Optional.of(path + ": " + show(after) + " (was " + show(before) + ")");
  }

  private static String show(JsonNode n) {
    return n == null || n.isNull() ? "absent" : n.isTextual() ? n.asText() : n.toString();
  }
}
