package dev.t2i.datasets;

import dev.t2i.api.data.Example;
import dev.t2i.api.data.Split;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The validation split of a data set with classes: a fraction of each training class's images,
 * drawn per class with a seed, held out as images of known classes that training never sees. At
 * least one image of every class stays in training.
 */
public final class ClassValidation {
  private ClassValidation() {}

  /**
   * {@code examples} with {@code fraction} of each class's training images moved to {@link
   * Split#VALIDATION}, and a {@code validation} line in {@code provenance}.
   */
  public static List<Example> holdOut(
      List<Example> examples, double fraction, long seed, Map<String, String> provenance) {
    Map<Integer, List<String>> training = new TreeMap<>();
    for (Example e : examples) {
      if (e.split() == Split.TRAIN) {
        training.computeIfAbsent(e.classId(), k -> new ArrayList<>()).add(e.id());
      }
    }
    Set<String> held = new HashSet<>();
    for (Map.Entry<Integer, List<String>> c : training.entrySet()) {
      List<String> ids = new ArrayList<>(c.getValue());
      Collections.shuffle(ids, new Random(seed * 131 + c.getKey()));
      int k = Math.min((int) Math.round(fraction * ids.size()), ids.size() - 1);
      held.addAll(ids.subList(0, Math.max(k, 0)));
    }
    List<Example> out = new ArrayList<>(examples.size());
    for (Example e : examples) {
      out.add(
          e.split() == Split.TRAIN && held.contains(e.id())
              ? new Example(
                  e.id(), Split.VALIDATION, e.classId(), e.captions(), e.image(), e.attributes())
              : e);
    }
    provenance.put(
        "validation",
        held.size()
            + " images: "
            + fraction
            + " of each training class's images, seed "
            + seed
            + " (held-out images of known classes)");
    return out;
  }
}
