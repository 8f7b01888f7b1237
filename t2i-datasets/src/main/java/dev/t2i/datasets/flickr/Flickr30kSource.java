package dev.t2i.datasets.flickr;

import dev.t2i.api.data.DatasetException;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.api.data.Split;
import dev.t2i.datasets.io.CaptionFile;
import dev.t2i.datasets.io.FileImage;
import dev.t2i.datasets.io.LoadLog;
import dev.t2i.datasets.io.SafePaths;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * {@code flickr30k}: Flickr30k, five captions per image. There is no class and no official split: a
 * seeded share of the images forms the test split, recorded in the provenance.
 */
public final class Flickr30kSource implements ImageCaptionSource {
  private final Flickr30kSettings settings;

  @Inject
  public Flickr30kSource(Flickr30kSettings settings) {
    this.settings = settings;
  }

  @Override
  public DatasetIndex load() throws IOException {
    Path root = settings.root();
    if (!Files.isDirectory(root)) {
      throw new DatasetException("flickr30k: " + root + ": no such folder (dataset.root)");
    }
    LoadLog log = new LoadLog("flickr30k", settings.onError());
    Path file = captionFile(root);
    List<String> lines = CaptionFile.lines("flickr30k", file);
    Map<String, List<String>> captions =
        file.getFileName().toString().endsWith(".csv")
            ? FlickrCaptions.parseCsv(lines, file, log)
            : FlickrCaptions.parseToken(lines, file, log);
    // The images folder is part of the data set: it may not lead out of the root (../.., a link).
    Path imageDir =
        SafePaths.resolve(root, settings.images().toString())
            .filter(Files::isDirectory)
            .orElseThrow(
                () ->
                    new DatasetException(
                        "flickr30k: dataset.images: "
                            + settings.images()
                            + " is not a folder inside "
                            + root));
    List<Example> examples = new ArrayList<>();
    Map<Integer, Integer> perImage = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : captions.entrySet()) {
      Optional<Path> image = SafePaths.resolve(imageDir, e.getKey());
      if (image.isEmpty()) {
        log.problem(file.toString(), "image name '" + e.getKey() + "' leaves the images folder");
        continue;
      }
      if (!Files.isRegularFile(image.get())) {
        log.problem(image.get().toString(), "missing image file");
        continue;
      }
      String id = e.getKey().replaceFirst("\\.[A-Za-z]+$", "");
      Split split =
          new SplittableRandom(settings.splitSeed() * 0x9E3779B97F4A7C15L + id.hashCode())
                      .nextDouble()
                  < settings.testFraction()
              ? Split.TEST
              : Split.TRAIN;
      perImage.merge(e.getValue().size(), 1, Integer::sum);
      examples.add(new Example(id, split, -1, e.getValue(), new FileImage(image.get()), Map.of()));
    }
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("root", root.toString());
    provenance.put("captions", file.getFileName().toString());
    provenance.put(
        "split",
        "image-level, test fraction " + settings.testFraction() + ", seed " + settings.splitSeed());
    provenance.put("captionsPerImage", perImage.toString());
    provenance.put("images", Integer.toString(examples.size()));
    return new DatasetIndex("flickr30k", examples, Map.of(), log.skipped(), provenance);
  }

  private Path captionFile(Path root) {
    if (settings.captions() != null) {
      return SafePaths.resolve(root, settings.captions())
          .filter(Files::isRegularFile)
          .orElseThrow(
              () ->
                  new DatasetException(
                      "flickr30k: "
                          + root.resolve(settings.captions())
                          + ": no such caption file"));
    }
    for (String name : List.of("results_20130124.token", "results.csv")) {
      if (Files.isRegularFile(root.resolve(name))) {
        return root.resolve(name);
      }
    }
    throw new DatasetException(
        "flickr30k: " + root + ": no caption file; expected results_20130124.token or results.csv");
  }
}
