package dev.t2i.datasets.flickr;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.InvalidSettingException;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.api.text.Tokenizer;
import dev.t2i.datasets.io.OnError;
import java.nio.file.Path;
import java.util.List;

/** Settings of {@code flickr30k}. */
public record Flickr30kSettings(
    @JsonPropertyDescription("the data set's folder") Path root,
    @JsonPropertyDescription(
            "images folder, relative to root; absent: flickr30k-images (the official archive's name) "
                + "or flickr30k_images (Kaggle's), whichever exists")
        String images,
    @JsonPropertyDescription(
            "caption file, relative to root: results_20130124.token or results.csv; absent: whichever exists")
        String captions,
    @JsonPropertyDescription("share of images in the test split, drawn with splitSeed")
        Double testFraction,
    @JsonPropertyDescription("seed of the image-level split") Long splitSeed,
    @JsonPropertyDescription("skip or fail on a malformed item") OnError onError,
    @JsonPropertyDescription(
            "keep only the images with a caption that names one of these words (as the report picked "
                + "person and dog images): [dog, dogs, puppy]; absent: every image")
        List<String> captionWords,
    @JsonPropertyDescription(
            "keep at most this many of the selected images, a sample drawn with splitSeed; absent: all")
        Integer maxImages)
    implements ImageCaptionSource.Settings {

  public Flickr30kSettings {
    Checks.required("root", root);
    captionWords = captionWords == null ? null : List.copyOf(captionWords);
    if (captionWords != null) {
      if (captionWords.isEmpty()) {
        throw new InvalidSettingException(
            "captionWords",
            "is empty; name at least one word, or leave it out to keep every image");
      }
      for (int i = 0; i < captionWords.size(); i++) {
        String w = captionWords.get(i);
        if (Tokenizer.tokenize(w).size() != 1 || !Tokenizer.tokenize(w).get(0).equals(w)) {
          throw new InvalidSettingException(
              "captionWords[" + i + "]",
              "'"
                  + w
                  + "' is not one lower-case word as the tokenizer reads captions (such as dog)");
        }
      }
    }
    if (maxImages != null) {
      Checks.positive("maxImages", maxImages);
    }
    testFraction = Checks.inRange("testFraction", Checks.orDefault(testFraction, 0.1), 0, 1);
    splitSeed = Checks.orDefault(splitSeed, 0L);
    onError = Checks.orDefault(onError, OnError.SKIP);
  }
}
