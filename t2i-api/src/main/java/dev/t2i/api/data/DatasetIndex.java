package dev.t2i.api.data;

import dev.t2i.api.Maps;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A loaded data set: every example with its captions, without pixels.
 *
 * @param name data set name, such as {@code oxford102}
 * @param examples every example, in a stable order
 * @param classNames class number to name, empty if unknown
 * @param skipped what the loader left out and why
 * @param provenance how it was made: root, split rule and seed, counts
 */
public record DatasetIndex(
    String name,
    List<Example> examples,
    Map<Integer, String> classNames,
    List<SkippedItem> skipped,
    Map<String, String> provenance) {
  public DatasetIndex {
    examples = List.copyOf(examples);
    classNames = Maps.ordered(new TreeMap<>(classNames));
    skipped = List.copyOf(skipped);
    provenance = Maps.ordered(provenance);
  }

  /** The examples of one split, in order. */
  public List<Example> split(Split split) {
    return examples.stream().filter(e -> e.split() == split).collect(Collectors.toList());
  }

  /** Every caption of one split, image by image. */
  public List<String> captions(Split split) {
    return examples.stream()
        .filter(e -> e.split() == split)
        .flatMap(e -> e.captions().stream())
        .collect(Collectors.toList());
  }
}
