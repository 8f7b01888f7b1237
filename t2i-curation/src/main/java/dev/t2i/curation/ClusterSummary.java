package dev.t2i.curation;

import dev.t2i.api.data.Example;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the clusters hold: their sizes, as the report tabulated them, and where the images have
 * classes, each cluster's main classes and the purity of the clustering, beside the purity of a
 * random assignment with the same sizes.
 *
 * @param sizes images per cluster
 * @param purity share of images in their cluster's most common class; NaN without classes
 * @param randomPurity the same for a seeded random assignment with the same cluster sizes
 * @param topClasses per cluster, its three most common class names with their counts
 */
public record ClusterSummary(
    int[] sizes, double purity, double randomPurity, List<String> topClasses) {

  /** Summarises {@code labels} over {@code examples}. */
  public static ClusterSummary of(
      List<Example> examples, int[] labels, int k, Map<Integer, String> classNames, long seed) {
    int[] sizes = new int[k];
    for (int l : labels) {
      sizes[l]++;
    }
    boolean classes = examples.stream().allMatch(e -> e.classId() >= 0);
    if (!classes) {
      return new ClusterSummary(
          sizes, Double.NaN, Double.NaN, java.util.Collections.nCopies(k, ""));
    }
    int[] shuffled = labels.clone();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    List<Map<Integer, Integer>> counts = counts(examples, labels, k);
    List<String> top = new ArrayList<>();
    for (Map<Integer, Integer> c : counts) {
      top.add(
          String.join(
              ", ",
              c.entrySet().stream()
                  .sorted(
                      Map.Entry.<Integer, Integer>comparingByValue()
                          .reversed()
                          .thenComparing(Map.Entry.comparingByKey()))
                  .limit(3)
                  .map(
                      e ->
                          classNames.getOrDefault(e.getKey(), "class " + e.getKey())
                              + " "
                              + e.getValue())
                  .toList()));
    }
    return new ClusterSummary(
        sizes,
        purity(counts, labels.length),
        purity(counts(examples, shuffled, k), labels.length),
        top);
  }

  private static List<Map<Integer, Integer>> counts(List<Example> examples, int[] labels, int k) {
    List<Map<Integer, Integer>> counts = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      counts.add(new HashMap<>());
    }
    for (int i = 0; i < labels.length; i++) {
      counts.get(labels[i]).merge(examples.get(i).classId(), 1, Integer::sum);
    }
    return counts;
  }

  private static double purity(List<Map<Integer, Integer>> counts, int n) {
    long majority = 0;
    for (Map<Integer, Integer> c : counts) {
      majority += c.values().stream().max(Comparator.naturalOrder()).orElse(0);
    }
    return majority / (double) n;
  }

  /** The table of cluster sizes, as text. */
  public String table() {
    int n = java.util.Arrays.stream(sizes).sum();
    StringBuilder b =
        new StringBuilder(
            String.format("%-8s %8s %7s  %s%n", "cluster", "images", "share", "main classes"));
    for (int c = 0; c < sizes.length; c++) {
      b.append(
          String.format(
              "%-8d %8d %6.1f%%  %s%n", c, sizes[c], 100.0 * sizes[c] / n, topClasses.get(c)));
    }
    b.append(String.format("%-8s %8d %6.1f%%%n", "all", n, 100.0));
    if (!Double.isNaN(purity)) {
      b.append(
          String.format(
              "purity %.4f (random assignment with these sizes: %.4f)%n", purity, randomPurity));
    }
    return b.toString();
  }

  /** For report.json. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int c = 0; c < sizes.length; c++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("cluster", c);
      row.put("images", sizes[c]);
      if (!topClasses.get(c).isEmpty()) {
        row.put("mainClasses", topClasses.get(c));
      }
      rows.add(row);
    }
    m.put("sizes", rows);
    if (!Double.isNaN(purity)) {
      m.put("purity", round(purity));
      m.put("randomAssignmentPurity", round(randomPurity));
    }
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }
}
