package dev.t2i.datasets.oxford;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.datasets.io.OnError;
import java.nio.file.Path;

/** Settings of {@code oxford102}. */
public record Oxford102Settings(
    @JsonPropertyDescription(
            "the data set's folder: jpg/, text_c10/, imagelabels.mat or labels.txt")
        Path root,
    @JsonPropertyDescription(
            "give images without a caption file of their own captions of their class (class_captions/)")
        Boolean classCaptions,
    @JsonPropertyDescription("seed of the class-disjoint split when the folder has no split files")
        Long splitSeed,
    @JsonPropertyDescription("test classes of that split (Reed et al. use 20 of 102)")
        Integer testClasses,
    @JsonPropertyDescription("skip or fail on a malformed item") OnError onError,
    @JsonPropertyDescription(
            "fraction of each training class's images held out as the validation split (held-out images "
                + "of known flowers, drawn with splitSeed); 0: none")
        Double validationImages)
    implements ImageCaptionSource.Settings {

  public Oxford102Settings {
    Checks.required("root", root);
    classCaptions = Checks.orDefault(classCaptions, true);
    splitSeed = Checks.orDefault(splitSeed, 0L);
    testClasses = Checks.positive("testClasses", Checks.orDefault(testClasses, 20));
    onError = Checks.orDefault(onError, OnError.SKIP);
    validationImages =
        Checks.inRange("validationImages", Checks.orDefault(validationImages, 0.1), 0, 0.5);
  }
}
