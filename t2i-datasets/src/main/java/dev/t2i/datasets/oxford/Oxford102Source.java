package dev.t2i.datasets.oxford;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.t2i.api.data.DatasetException;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.api.data.Split;
import dev.t2i.datasets.ClassValidation;
import dev.t2i.datasets.io.CaptionFile;
import dev.t2i.datasets.io.FileImage;
import dev.t2i.datasets.io.LoadLog;
import dev.t2i.datasets.io.SafePaths;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code oxford102}: Oxford-102 Flowers (Nilsback and Zisserman 2008) with Reed et al.'s captions.
 *
 * <p>Reads {@code jpg/image_XXXXX.jpg} and {@code text_c10/class_XXXXX/image_XXXXX.txt}. Labels
 * come from {@code imagelabels.mat} when present, else {@code labels.txt} ({@code image_XXXXX
 * CLASS} per line). The split is, in order of preference: Reed's {@code trainvalclasses.txt} and
 * {@code testclasses.txt}; a {@code splits.txt} of {@code image_XXXXX train|test} lines (as t2i
 * writes for synthetic flowers); or a class-disjoint split drawn with {@code splitSeed}, recorded
 * in the index's provenance. Images without a caption file of their own take, when {@code
 * classCaptions} is on, a group of ten captions from {@code class_captions/class_XXXXX.txt} that no
 * image with its own file uses, assigned by the same seed: text of the class, not of the image.
 *
 * <p>Inside the training classes, {@code validationImages} of each class's images form the
 * validation split: held-out images of flowers the model knows, for choosing configurations; the
 * test split's classes are flowers it has never seen.
 */
public final class Oxford102Source implements ImageCaptionSource {
  private final Oxford102Settings settings;

  @Inject
  public Oxford102Source(Oxford102Settings settings) {
    this.settings = settings;
  }

  @Override
  public DatasetIndex load() throws IOException {
    Path root = settings.root();
    if (!Files.isDirectory(root)) {
      throw new DatasetException("oxford102: " + root + ": no such folder (dataset.root)");
    }
    LoadLog log = new LoadLog("oxford102", settings.onError());
    Map<String, Integer> labels = labels(root);
    Map<Integer, String> names = classNames(root);
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("root", root.toString());
    provenance.put(
        "labels", Files.exists(root.resolve("imagelabels.mat")) ? "imagelabels.mat" : "labels.txt");
    Map<String, Split> splits = splits(root, labels, provenance);

    Map<Integer, List<String>> byClass = new TreeMap<>();
    labels.forEach((id, c) -> byClass.computeIfAbsent(c, k -> new ArrayList<>()).add(id));
    Map<String, List<String>> own = new TreeMap<>();
    for (Map.Entry<String, Integer> e : labels.entrySet()) {
      String relative =
          "text_c10/" + String.format("class_%05d", e.getValue()) + "/" + e.getKey() + ".txt";
      Path f = root.resolve(relative);
      if (Files.exists(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Optional<String> refused = SafePaths.refusal(root, relative);
        if (refused.isPresent()) {
          log.problem(f.toString(), "caption file " + refused.get());
          continue;
        }
        List<String> c = CaptionFile.read(f, log);
        if (c != null) {
          own.put(e.getKey(), c);
        }
      }
    }
    Map<String, List<String>> fallback =
        settings.classCaptions() ? classCaptions(root, byClass, own, log) : Map.of();
    int ownCount = 0;
    int classCount = 0;
    List<Example> examples = new ArrayList<>();
    for (Map.Entry<String, Integer> e : labels.entrySet()) {
      String id = e.getKey();
      String relative = "jpg/" + id + ".jpg";
      var image = SafePaths.resolve(root, relative);
      if (image.isEmpty() || !Files.isRegularFile(image.get())) {
        Path listed = root.resolve(relative);
        log.problem(
            listed.toString(),
            Files.exists(listed, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                ? "image " + SafePaths.refusal(root, relative).orElse("not readable")
                : "missing image file");
        continue;
      }
      List<String> captions = own.get(id);
      if (captions != null) {
        ownCount++;
      } else {
        captions = fallback.get(id);
        if (captions == null) {
          if (!settings.classCaptions()) {
            log.problem(
                id,
                "no caption file of its own (text_c10/class_"
                    + String.format("%05d", e.getValue())
                    + "/"
                    + id
                    + ".txt), and classCaptions is off");
          }
          continue;
        }
        classCount++;
      }
      examples.add(
          new Example(
              id, splits.get(id), e.getValue(), captions, new FileImage(image.get()), Map.of()));
    }
    examples =
        ClassValidation.holdOut(
            examples, settings.validationImages(), settings.splitSeed(), provenance);
    provenance.put("images", Integer.toString(examples.size()));
    provenance.put("imagesWithOwnCaptions", Integer.toString(ownCount));
    provenance.put("imagesWithClassCaptions", Integer.toString(classCount));
    provenance.put("skipped", Integer.toString(log.skipped().size()));
    return new DatasetIndex("oxford102", examples, names, log.skipped(), provenance);
  }

  private static Map<String, Integer> labels(Path root) throws IOException {
    Map<String, Integer> labels = new TreeMap<>();
    Path mat = root.resolve("imagelabels.mat");
    if (Files.exists(mat)) {
      int[] values = MatlabLabels.read(mat);
      for (int i = 0; i < values.length; i++) {
        labels.put(String.format("image_%05d", i + 1), values[i]);
      }
      return labels;
    }
    Path txt = root.resolve("labels.txt");
    if (!Files.exists(txt)) {
      throw new DatasetException(
          "oxford102: " + root + ": no labels; expected imagelabels.mat or labels.txt");
    }
    Optional<String> refused = SafePaths.refusal(root, "labels.txt");
    if (refused.isPresent()) {
      throw new DatasetException("oxford102: " + txt + ": " + refused.get());
    }
    List<String> lines = CaptionFile.lines("oxford102", txt);
    Map<String, Integer> lineOf = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length != 2 || !f[0].matches("image_\\d{5}") || !f[1].matches("\\d{1,4}")) {
        throw new DatasetException(
            "oxford102: "
                + txt
                + ":"
                + (i + 1)
                + ": expected 'image_XXXXX CLASS', found '"
                + line
                + "'");
      }
      int label = Integer.parseInt(f[1]);
      if (label < 1) {
        throw new DatasetException(
            "oxford102: "
                + txt
                + ":"
                + (i + 1)
                + ": class "
                + label
                + " of "
                + f[0]
                + "; classes count from 1");
      }
      Integer before = labels.put(f[0], label);
      if (before != null && before != label) {
        throw new DatasetException(
            "oxford102: "
                + txt
                + ":"
                + (i + 1)
                + ": "
                + f[0]
                + " is class "
                + label
                + " here and class "
                + before
                + " on line "
                + lineOf.get(f[0]));
      }
      lineOf.putIfAbsent(f[0], i + 1);
    }
    return labels;
  }

  private static Map<Integer, String> classNames(Path root) throws IOException {
    Path json = root.resolve("cat_to_name.json");
    Map<Integer, String> names = new TreeMap<>();
    if (Files.exists(json)) {
      Map<?, ?> raw = new ObjectMapper().readValue(json.toFile(), Map.class);
      raw.forEach((k, v) -> names.put(Integer.parseInt(k.toString()), v.toString()));
    }
    return names;
  }

  private Map<String, Split> splits(
      Path root, Map<String, Integer> labels, Map<String, String> provenance) throws IOException {
    Map<String, Split> out = new TreeMap<>();
    Path trainval = root.resolve("trainvalclasses.txt");
    Path test = root.resolve("testclasses.txt");
    Path perImage = root.resolve("splits.txt");
    if (Files.exists(trainval) && Files.exists(test)) {
      Set<Integer> testClasses = new HashSet<>();
      for (String l : CaptionFile.lines("oxford102", test)) {
        if (!l.isBlank()) {
          testClasses.add(Integer.parseInt(l.strip().replaceAll("\\D", "")));
        }
      }
      labels.forEach((id, c) -> out.put(id, testClasses.contains(c) ? Split.TEST : Split.TRAIN));
      provenance.put("split", "Reed et al. class split (trainvalclasses.txt, testclasses.txt)");
      return out;
    }
    if (Files.exists(perImage)) {
      List<String> lines = CaptionFile.lines("oxford102", perImage);
      for (int i = 0; i < lines.size(); i++) {
        String[] f = lines.get(i).strip().split("\\s+");
        if (f.length == 2 && (f[1].equals("train") || f[1].equals("test"))) {
          out.put(f[0], f[1].equals("test") ? Split.TEST : Split.TRAIN);
        } else if (!lines.get(i).isBlank()) {
          throw new DatasetException(
              "oxford102: " + perImage + ":" + (i + 1) + ": expected 'image_XXXXX train|test'");
        }
      }
      labels.keySet().forEach(id -> out.putIfAbsent(id, Split.TRAIN));
      provenance.put("split", "per image (splits.txt)");
      return out;
    }
    List<Integer> classes = new ArrayList<>(new TreeSet<>(labels.values()));
    Collections.shuffle(classes, new Random(settings.splitSeed()));
    int k = Math.min(settings.testClasses(), Math.max(classes.size() - 1, 0));
    Set<Integer> testClasses = new TreeSet<>(classes.subList(0, k));
    labels.forEach((id, c) -> out.put(id, testClasses.contains(c) ? Split.TEST : Split.TRAIN));
    provenance.put(
        "split", "class-disjoint, seed " + settings.splitSeed() + ", test classes " + testClasses);
    return out;
  }

  /** Groups of ten class captions, for the images of each class that have no file of their own. */
  private Map<String, List<String>> classCaptions(
      Path root, Map<Integer, List<String>> byClass, Map<String, List<String>> own, LoadLog log)
      throws IOException {
    Map<String, List<String>> out = new TreeMap<>();
    for (Map.Entry<Integer, List<String>> e : byClass.entrySet()) {
      Path f = root.resolve("class_captions").resolve(String.format("class_%05d.txt", e.getKey()));
      if (!Files.exists(f)) {
        continue;
      }
      List<String> lines = CaptionFile.read(f, log);
      if (lines == null) {
        continue;
      }
      Set<List<String>> used = new HashSet<>();
      List<String> needing = new ArrayList<>();
      for (String id : e.getValue()) {
        if (own.containsKey(id)) {
          used.add(own.get(id));
        } else {
          needing.add(id);
        }
      }
      List<List<String>> groups = new ArrayList<>();
      for (int g = 0; g + 10 <= lines.size(); g += 10) {
        List<String> group = List.copyOf(lines.subList(g, g + 10));
        if (!used.contains(group)) {
          groups.add(group);
        }
      }
      if (groups.isEmpty()) {
        continue;
      }
      Collections.shuffle(groups, new Random(settings.splitSeed() * 31 + e.getKey()));
      for (int i = 0; i < needing.size(); i++) {
        out.put(needing.get(i), groups.get(i % groups.size()));
      }
    }
    return out;
  }
}
