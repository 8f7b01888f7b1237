package dev.t2i.datasets.cub;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.datasets.io.OnError;
import java.nio.file.Path;

/** Settings of {@code cub200}. */
public record Cub200Settings(
    @JsonPropertyDescription(
            "CUB_200_2011 folder: images.txt, classes.txt, train_test_split.txt, bounding_boxes.txt, images/")
        Path root,
    @JsonPropertyDescription("Reed's text_c10 folder of captions; default: root/text_c10")
        Path captions,
    @JsonPropertyDescription("crop each image to its bounding box, as the literature does")
        Boolean crop,
    @JsonPropertyDescription("skip or fail on a malformed item") OnError onError,
    @JsonPropertyDescription(
            "fraction of each training class's images held out as the validation split (held-out images "
                + "of known birds); 0: none")
        Double validationImages,
    @JsonPropertyDescription("seed of that validation split") Long splitSeed)
    implements ImageCaptionSource.Settings {

  public Cub200Settings {
    Checks.required("root", root);
    captions = Checks.orDefault(captions, root.resolve("text_c10"));
    crop = Checks.orDefault(crop, true);
    onError = Checks.orDefault(onError, OnError.SKIP);
    validationImages =
        Checks.inRange("validationImages", Checks.orDefault(validationImages, 0.1), 0, 0.5);
    splitSeed = Checks.orDefault(splitSeed, 0L);
  }
}
