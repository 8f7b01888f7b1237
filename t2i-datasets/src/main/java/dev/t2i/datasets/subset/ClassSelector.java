package dev.t2i.datasets.subset;

import dev.t2i.api.data.DatasetException;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Resolves class selectors (names, ids, id ranges) to class ids of one data set. */
final class ClassSelector {
  private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*-\\s*(\\d+)");

  private ClassSelector() {}

  /** The class ids {@code selectors} name in {@code index}. */
  static Set<Integer> resolve(Iterable<String> selectors, DatasetIndex index) {
    Set<Integer> present =
        index.examples().stream()
            .map(Example::classId)
            .filter(c -> c >= 0)
            .collect(Collectors.toCollection(TreeSet::new));
    if (present.isEmpty()) {
      throw new DatasetException(
          "subset.classes: " + index.name() + " has no classes to select from");
    }
    Set<Integer> chosen = new TreeSet<>();
    for (String raw : selectors) {
      String s = raw.strip();
      Matcher range = RANGE.matcher(s);
      if (s.chars().allMatch(Character::isDigit) && !s.isEmpty()) {
        chosen.add(existing(Integer.parseInt(s), present, index, raw));
      } else if (range.matches()) {
        int from = Integer.parseInt(range.group(1));
        int to = Integer.parseInt(range.group(2));
        if (from > to) {
          throw new DatasetException(
              "subset.classes: range '" + raw + "' is empty; write it low-high, such as 1-51");
        }
        for (int c = from; c <= to; c++) {
          chosen.add(existing(c, present, index, raw));
        }
      } else {
        chosen.add(byName(s, index, raw));
      }
    }
    return chosen;
  }

  private static int existing(int id, Set<Integer> present, DatasetIndex index, String raw) {
    if (!present.contains(id)) {
      throw new DatasetException(
          "subset.classes: '"
              + raw
              + "' names class "
              + id
              + ", which "
              + index.name()
              + " does not have; its class ids are "
              + ((TreeSet<Integer>) present).first()
              + " to "
              + ((TreeSet<Integer>) present).last()
              + " ("
              + present.size()
              + " classes)");
    }
    return id;
  }

  private static int byName(String name, DatasetIndex index, String raw) {
    for (Map.Entry<Integer, String> e : index.classNames().entrySet()) {
      if (e.getValue().equalsIgnoreCase(name)) {
        return e.getKey();
      }
    }
    String known =
        index.classNames().isEmpty()
            ? index.name() + " has no class names; select classes by id"
            : "known names include "
                + index.classNames().values().stream()
                    .limit(8)
                    .map(n -> "'" + n + "'")
                    .collect(Collectors.joining(", "))
                + (index.classNames().size() > 8 ? ", …" : "")
                + " ("
                + index.classNames().size()
                + " in all; see t2i data inspect)";
    throw new DatasetException(
        "subset.classes: no class named '"
            + raw
            + "' in "
            + index.name()
            + "; "
            + known.toLowerCase(Locale.ROOT).charAt(0)
            + known.substring(1));
  }
}
