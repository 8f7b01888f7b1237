package dev.t2i.datasets.cub;

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
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code cub200}: Caltech-UCSD Birds 200-2011.
 *
 * <p>Reads {@code images.txt} ({@code ID PATH}), {@code classes.txt} ({@code CLASS NAME}), {@code
 * image_class_labels.txt} ({@code ID CLASS}; where it is absent, the class is the image's folder),
 * {@code train_test_split.txt} ({@code ID IS_TRAIN}) and, when cropping, {@code bounding_boxes.txt}
 * ({@code ID X Y W H}); images live under {@code images/}. Captions are Reed et al.'s {@code
 * text_c10/CLASS_NAME/IMAGE.txt}. The split is Reed's class split when {@code trainvalclasses.txt}
 * and {@code testclasses.txt} are found (in the captions folder's parent or the root), else the
 * data set's own {@code train_test_split.txt}.
 */
public final class Cub200Source implements ImageCaptionSource {
  private final Cub200Settings settings;

  @Inject
  public Cub200Source(Cub200Settings settings) {
    this.settings = settings;
  }

  private record Row(int line, String[] fields) {}

  @Override
  public DatasetIndex load() throws IOException {
    Path root = settings.root();
    if (!Files.isDirectory(root)) {
      throw new DatasetException("cub200: " + root + ": no such folder (dataset.root)");
    }
    LoadLog log = new LoadLog("cub200", settings.onError());
    Map<Integer, Row> images = table(root.resolve("images.txt"), 2, log);
    Map<Integer, Row> classes = table(root.resolve("classes.txt"), 2, log);
    Map<Integer, Row> split = table(root.resolve("train_test_split.txt"), 2, log);
    // Boxes matter only for cropping; labels are optional (older copies lack them), the folder
    // name then gives the class.
    Map<Integer, Row> boxes =
        settings.crop() ? table(root.resolve("bounding_boxes.txt"), 5, log) : Map.of();
    Path labelsFile = root.resolve("image_class_labels.txt");
    Map<Integer, Row> labels = Files.exists(labelsFile) ? table(labelsFile, 2, log) : null;
    Map<String, Integer> classByName = new LinkedHashMap<>();
    Map<Integer, String> names = new TreeMap<>();
    classes.forEach(
        (id, row) -> {
          classByName.put(row.fields[1], id);
          names.put(id, row.fields[1]);
        });
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("root", root.toString());
    Optional<Set<String>> reedTest = reedTestClasses();
    provenance.put(
        "split", reedTest.isPresent() ? "Reed et al. class split" : "train_test_split.txt");
    provenance.put(
        "classes",
        labels != null ? "image_class_labels.txt" : "image folders (no image_class_labels.txt)");

    List<Example> examples = new ArrayList<>();
    for (Map.Entry<Integer, Row> e : images.entrySet()) {
      int id = e.getKey();
      String relative = e.getValue().fields[1];
      String where = root.resolve("images.txt") + ":" + e.getValue().line;
      Optional<Path> image = SafePaths.resolve(root.resolve("images"), relative);
      if (image.isEmpty()) {
        log.problem(where, "path '" + relative + "' leaves the images folder");
        continue;
      }
      if (!Files.isRegularFile(image.get())) {
        log.problem(image.get().toString(), "missing image file");
        continue;
      }
      int slash = relative.indexOf('/');
      String className = slash > 0 ? relative.substring(0, slash) : "";
      Integer classId = classByName.get(className);
      if (labels != null) {
        Row label = labels.get(id);
        if (label == null) {
          log.problem(where, "image " + id + " is not in image_class_labels.txt");
          continue;
        }
        int labelled = Integer.parseInt(label.fields[1]);
        if (!names.containsKey(labelled)) {
          log.problem(
              labelsFile + ":" + label.line,
              "class " + labelled + " is not in classes.txt (it has " + names.size() + " classes)");
          continue;
        }
        if (classId != null && classId != labelled) {
          log.problem(
              labelsFile + ":" + label.line,
              "image "
                  + id
                  + " is labelled class "
                  + labelled
                  + " ("
                  + names.get(labelled)
                  + ") but lies in the folder of class "
                  + classId
                  + " ("
                  + className
                  + ")");
          continue;
        }
        classId = labelled;
      } else if (classId == null) {
        log.problem(where, "class folder '" + className + "' is not in classes.txt");
        continue;
      }
      String stem = relative.substring(slash + 1).replaceFirst("\\.[A-Za-z]+$", "");
      Optional<Path> captionFile =
          SafePaths.resolve(settings.captions(), className + "/" + stem + ".txt");
      if (captionFile.isEmpty()) {
        log.problem(where, "caption path leaves the captions folder");
        continue;
      }
      List<String> captions = CaptionFile.read(captionFile.get(), log);
      if (captions == null) {
        continue;
      }
      Split s;
      if (reedTest.isPresent()) {
        s = reedTest.get().contains(className) ? Split.TEST : Split.TRAIN;
      } else {
        Row r = split.get(id);
        if (r == null) {
          log.problem(where, "image " + id + " is not in train_test_split.txt");
          continue;
        }
        s = r.fields[1].equals("1") ? Split.TRAIN : Split.TEST;
      }
      Rectangle box = null;
      if (settings.crop()) {
        Row b = boxes.get(id);
        if (b == null) {
          log.problem(where, "image " + id + " has no bounding box");
          continue;
        }
        box =
            new Rectangle(
                (int) Math.floor(Double.parseDouble(b.fields[1])),
                    (int) Math.floor(Double.parseDouble(b.fields[2])),
                (int) Math.ceil(Double.parseDouble(b.fields[3])),
                    (int) Math.ceil(Double.parseDouble(b.fields[4])));
      }
      examples.add(
          new Example(stem, s, classId, captions, new FileImage(image.get(), box), Map.of()));
    }
    examples =
        ClassValidation.holdOut(
            examples, settings.validationImages(), settings.splitSeed(), provenance);
    provenance.put("images", Integer.toString(examples.size()));
    provenance.put("skipped", Integer.toString(log.skipped().size()));
    return new DatasetIndex("cub200", examples, names, log.skipped(), provenance);
  }

  /** Reads an {@code ID ...} table with {@code n} fields per line; numbers are checked. */
  private static Map<Integer, Row> table(Path file, int n, LoadLog log) throws IOException {
    if (!Files.exists(file)) {
      throw new DatasetException(
          "cub200: "
              + file
              + ": missing; a CUB-200-2011 folder has images.txt, classes.txt, "
              + "train_test_split.txt and bounding_boxes.txt (needed with crop: true, the default)");
    }
    Map<Integer, Row> out = new TreeMap<>();
    List<String> lines = CaptionFile.lines("cub200", file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+", n);
      boolean ok = f.length == n && f[0].matches("\\d{1,9}");
      for (int k = 1; ok && k < n && n == 5; k++) {
        ok = f[k].matches("-?\\d+(\\.\\d+)?");
      }
      if (n == 2 && ok && file.getFileName().toString().equals("train_test_split.txt")) {
        ok = f[1].equals("0") || f[1].equals("1");
      }
      if (n == 2 && ok && file.getFileName().toString().equals("image_class_labels.txt")) {
        ok = f[1].matches("\\d{1,9}");
      }
      if (!ok) {
        log.problem(
            file + ":" + (i + 1),
            "expected " + n + " fields starting with a number, found '" + line + "'");
        continue;
      }
      out.put(Integer.parseInt(f[0]), new Row(i + 1, f));
    }
    return out;
  }

  private Optional<Set<String>> reedTestClasses() throws IOException {
    for (Path dir : List.of(settings.captions().toAbsolutePath().getParent(), settings.root())) {
      if (dir == null) {
        continue;
      }
      Path test = dir.resolve("testclasses.txt");
      if (Files.exists(test) && Files.exists(dir.resolve("trainvalclasses.txt"))) {
        Set<String> out = new HashSet<>();
        for (String l : CaptionFile.lines("cub200", test)) {
          if (!l.isBlank()) {
            out.add(l.strip());
          }
        }
        return Optional.of(out);
      }
    }
    return Optional.empty();
  }
}
