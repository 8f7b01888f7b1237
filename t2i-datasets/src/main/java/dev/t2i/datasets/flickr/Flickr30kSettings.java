package dev.t2i.datasets.flickr;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.datasets.io.OnError;
import java.nio.file.Path;

/** Settings of {@code flickr30k}. */
public record Flickr30kSettings(
    @JsonPropertyDescription("the data set's folder") Path root,
    @JsonPropertyDescription("images folder, relative to root") String images,
    @JsonPropertyDescription(
            "caption file, relative to root: results_20130124.token or results.csv; absent: whichever exists")
        String captions,
    @JsonPropertyDescription("share of images in the test split, drawn with splitSeed")
        Double testFraction,
    @JsonPropertyDescription("seed of the image-level split") Long splitSeed,
    @JsonPropertyDescription("skip or fail on a malformed item") OnError onError)
    implements ImageCaptionSource.Settings {

  public Flickr30kSettings {
    Checks.required("root", root);
    images = Checks.orDefault(images, "flickr30k_images");
    testFraction = Checks.inRange("testFraction", Checks.orDefault(testFraction, 0.1), 0, 1);
    splitSeed = Checks.orDefault(splitSeed, 0L);
    onError = Checks.orDefault(onError, OnError.SKIP);
  }
}
