package dev.t2i.eval;

import dev.t2i.training.generate.TextToImage;
import dev.t2i.training.output.HtmlReport;
import dev.t2i.training.output.ImageGrid;
import dev.t2i.training.output.MetricsLog;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The readable side of an evaluation: {@code eval/index.html} with tables, sample grids and loss
 * curves.
 */
final class EvalPage {
  private final Map<String, Object> report;
  private final TextToImage model;
  private final Path run;

  EvalPage(Map<String, Object> report, TextToImage model, Path run) {
    this.report = report;
    this.model = model;
    this.run = run;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static String fmt(Object v) {
    if (v == null) {
      return "–";
    }
    if (v instanceof Double d) {
      return String.format("%.4f", d);
    }
    return v.toString();
  }

  void write(Path dir) throws IOException {
    HtmlReport html = new HtmlReport("t2i evaluation: " + run.getFileName());
    html.paragraph(
        String.format(
            "Run %s at step %s; data set %s; images %s; seed %s; %s.",
            report.get("run"),
            report.get("step"),
            report.get("dataset"),
            report.get("resolution"),
            report.get("seed"),
            report.get("time")));
    Map<String, Object> classifier = map(report.get("classifier"));
    html.heading("Evaluator");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("property", "value"));
    classifier.forEach(
        (k, v) -> rows.add(List.of(k, v instanceof Map<?, ?> m ? m.toString() : fmt(v))));
    html.table(rows);
    if (report.containsKey("generated")) {
      attributes(html);
    }
    if (report.containsKey("groups")) {
      groups(html);
    } else {
      distribution(html);
    }
    samples(html, dir);
    Path metrics = run.resolve("metrics.csv");
    if (Files.exists(metrics)) {
      Map<String, List<Double>> m = MetricsLog.read(metrics);
      Map<String, List<Double>> curves = new LinkedHashMap<>();
      m.forEach(
          (k, v) -> {
            if (!k.equals("step") && !k.equals("seconds_per_step")) {
              curves.put(k, v);
            }
          });
      html.heading("Losses over training");
      html.plot("losses (metrics.csv)", m.get("step"), curves);
    }
    html.write(dir.resolve("index.html"));
  }

  /**
   * A data set with classes: a column per group of captions (held-out images of known flowers,
   * unseen flowers).
   */
  private void groups(HtmlReport html) {
    Map<String, Object> groups = map(report.get("groups"));
    List<String> names = new ArrayList<>(groups.keySet());
    html.heading("Images generated from real captions, read by the class classifier");
    List<List<String>> t = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("figure"));
    header.addAll(names);
    t.add(header);
    String[][] figures = {
      {"split", "split"},
      {"classes", "classes"},
      {"captions", "captions"},
      {"samples per caption", "samplesPerCaption"},
      {"top-1", "captionToClass/top1"},
      {"top-5", "captionToClass/top5"},
      {"top-5, untrained generator (floor)", "captionToClass, untrained generator (floor)/top5"},
      {"FD, generated vs real", "generatedVsReal/frechetDistance"},
      {"FD, real vs real (floor)", "realVsReal (floor)/frechetDistance"},
      {"FD ratio", "frechetRatio"},
      {"KID, generated vs real", "generatedVsReal/kid"},
      {"KID, real vs real (floor)", "realVsReal (floor)/kid"},
      {"diversity ratio (within caption / real of its class)", "diversity/ratio"},
      {"nearest training image, generated / real", "memorisation/ratio"}
    };
    for (String[] f : figures) {
      List<String> row = new ArrayList<>(List.of(f[0]));
      for (String n : names) {
        Object v = groups.get(n);
        for (String key : f[1].split("/")) {
          v = v == null ? null : map(v).get(key);
        }
        row.add(fmt(v));
      }
      t.add(row);
    }
    html.table(t);
  }

  /** A data set without classes: the distribution figures, diversity, noise and memorisation. */
  private void distribution(HtmlReport html) {
    html.heading("Distribution (on the evaluator's features; not FID)");
    Map<String, Object> dist = map(report.get("distribution"));
    List<String> names = new ArrayList<>(dist.keySet());
    List<List<String>> d = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("figure"));
    header.addAll(names);
    d.add(header);
    for (String figure :
        List.of(
            "frechetDistance",
            "kid",
            "precision",
            "recall",
            "density",
            "coverage",
            "generatedSamples",
            "realSamples")) {
      List<String> row = new ArrayList<>(List.of(figure));
      names.forEach(n -> row.add(fmt(map(dist.get(n)).get(figure))));
      d.add(row);
    }
    html.table(d);
    html.heading("Diversity and memorisation");
    List<List<String>> dm = new ArrayList<>();
    dm.add(List.of("figure", "value"));
    map(report.get("diversity")).forEach((k, v) -> dm.add(List.of("diversity: " + k, fmt(v))));
    Map<String, Object> noise = map(report.get("noise"));
    if (noise != null) {
      noise.forEach((k, v) -> dm.add(List.of("noise: " + k, fmt(v))));
    }
    map(report.get("memorisation"))
        .forEach((k, v) -> dm.add(List.of("memorisation: " + k, fmt(v))));
    html.table(dm);
  }

  private void attributes(HtmlReport html) {
    Map<String, Object> gen = map(report.get("generated"));
    Map<String, Object> floor = map(report.get("untrainedGenerator"));
    Map<String, Object> ceiling =
        map(map(report.get("classifier")).get("accuracyOnRealTestImages"));
    html.heading("Attributes read back from generated images");
    html.paragraph(
        String.format(
            "%s captions of the %s split, %s samples each, seed %s; an attribute counts where the caption mentions it.",
            gen.get("captions"),
            report.get("split"),
            gen.get("samplesPerCaption"),
            gen.get("seed")));
    List<List<String>> t = new ArrayList<>();
    t.add(
        List.of(
            "attribute",
            "real images (ceiling)",
            "generated",
            "held-out pairs",
            "held-out sentence forms",
            "untrained generator (floor)",
            "samples"));
    Map<String, Object> all = map(gen.get("accuracyForMentionedAttributes"));
    Map<String, Object> held = map(gen.get("heldOutPairs"));
    Map<String, Object> forms = map(gen.get("heldOutForms"));
    Map<String, Object> low = map(floor.get("accuracyForMentionedAttributes"));
    for (String a : all.keySet()) {
      t.add(
          List.of(
              a,
              fmt(ceiling.get(a)),
              fmt(map(all.get(a)).get("accuracy")),
              fmt(map(held.get(a)).get("accuracy")),
              forms == null ? "" : fmt(map(forms.get(a)).get("accuracy")),
              fmt(map(low.get(a)).get("accuracy")),
              fmt(map(all.get(a)).get("samples"))));
    }
    html.table(t);
    Map<String, Object> pairs = map(gen.get("byColourPair"));
    if (pairs != null && !pairs.isEmpty()) {
      html.heading("Colour accuracy by (petal, centre) pair");
      List<List<String>> p = new ArrayList<>();
      p.add(
          List.of(
              "petal / centre",
              "held out of training",
              "petal colour",
              "centre colour",
              "samples (petal, centre)"));
      for (Map.Entry<String, Object> e : pairs.entrySet()) {
        Map<String, Object> m = map(e.getValue());
        Map<String, Object> petal = map(m.get("petal_color"));
        Map<String, Object> centre = map(m.get("center_color"));
        p.add(
            List.of(
                e.getKey(),
                Boolean.TRUE.equals(m.get("heldOut")) ? "yes" : "",
                fmt(petal.get("accuracy")),
                fmt(centre.get("accuracy")),
                fmt(petal.get("samples")) + ", " + fmt(centre.get("samples"))));
      }
      html.table(p);
    }
  }

  @SuppressWarnings("unchecked")
  private void samples(HtmlReport html, Path dir) throws IOException {
    Map<String, Object> sets = map(report.get("samples"));
    int size = model.imageSize();
    int i = 0;
    for (Map.Entry<String, Object> e : sets.entrySet()) {
      List<String> captions = (List<String>) e.getValue();
      if (captions.isEmpty()) {
        continue;
      }
      List<BufferedImage> all = new ArrayList<>();
      for (String c : captions) {
        all.addAll(model.generate(c, 4, 5));
      }
      String name = "samples-" + (i++) + ".png";
      ImageGrid.writePng(
          ImageGrid.grid(ImageGrid.pack(all, size), size, captions.size(), 4, captions, 2),
          dir.resolve(name));
      html.heading("Samples: " + e.getKey());
      html.image(name, e.getKey() + " captions, 4 samples each (seed 5)");
    }
  }
}
