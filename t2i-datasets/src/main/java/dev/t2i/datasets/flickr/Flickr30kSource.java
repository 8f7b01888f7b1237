package dev.t2i.datasets.flickr;

import dev.t2i.api.data.DatasetException;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.api.data.Split;
import dev.t2i.api.text.Tokenizer;
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
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * {@code flickr30k}: Flickr30k, five captions per image. There is no class and no official split: a
 * seeded share of the images forms the test split, recorded in the provenance. {@code captionWords}
 * keeps the images whose captions name a word (the report's person and dog images).
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
    Path imageDir = imagesFolder(root);
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
    provenance.put("imagesFolder", imageDir.getFileName().toString());
    provenance.put("captions", file.getFileName().toString());
    examples = select(examples, provenance);
    provenance.put(
        "split",
        "image-level, test fraction " + settings.testFraction() + ", seed " + settings.splitSeed());
    provenance.put("captionsPerImage", perImage.toString());
    provenance.put("images", Integer.toString(examples.size()));
    return new DatasetIndex("flickr30k", examples, Map.of(), log.skipped(), provenance);
  }

  /**
   * The images folder: the one named, else the official archive's {@code flickr30k-images} or
   * Kaggle's {@code flickr30k_images}. It is part of the data set, so it may not lead out of the
   * root (../.., a link).
   */
  private Path imagesFolder(Path root) {
    List<String> names =
        settings.images() != null
            ? List.of(settings.images())
            : List.of("flickr30k-images", "flickr30k_images");
    for (String name : names) {
      Optional<Path> dir = SafePaths.resolve(root, name).filter(Files::isDirectory);
      if (dir.isPresent()) {
        return dir.get();
      }
    }
    throw new DatasetException(
        settings.images() != null
            ? "flickr30k: dataset.images: " + settings.images() + " is not a folder inside " + root
            : "flickr30k: "
                + root
                + ": no images folder; expected flickr30k-images (the official archive) or "
                + "flickr30k_images (Kaggle's copy), or name it with dataset.images");
  }

  /**
   * The images whose captions name one of {@code captionWords}, then at most {@code maxImages} of
   * them (a seeded sample, kept in the data set's order); both counts go into the provenance.
   */
  private List<Example> select(List<Example> examples, Map<String, String> provenance) {
    List<Example> out = examples;
    if (settings.captionWords() != null) {
      Set<String> words = Set.copyOf(settings.captionWords());
      out =
          out.stream()
              .filter(
                  e ->
                      e.captions().stream()
                          .anyMatch(c -> Tokenizer.tokenize(c).stream().anyMatch(words::contains)))
              .toList();
      provenance.put(
          "captionWords",
          out.size()
              + " of "
              + examples.size()
              + " images have a caption that names one of "
              + settings.captionWords());
    }
    if (settings.maxImages() != null && out.size() > settings.maxImages()) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < out.size(); i++) {
        order.add(i);
      }
      // java.util.Random's first draws are alike for adjacent seeds: mix the seed first.
      java.util.Collections.shuffle(
          order, new java.util.Random(new SplittableRandom(settings.splitSeed()).nextLong()));
      List<Integer> kept = new ArrayList<>(order.subList(0, settings.maxImages()));
      java.util.Collections.sort(kept);
      List<Example> sample = new ArrayList<>();
      for (int i : kept) {
        sample.add(out.get(i));
      }
      provenance.put(
          "maxImages",
          settings.maxImages() + " of " + out.size() + " images, seed " + settings.splitSeed());
      out = sample;
    }
    return out;
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
