package dev.t2i.datasets.pipeline;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.datasets.io.OnError;

/** Settings of the image pipeline ({@code pipeline:} in an experiment). */
public record ImagePipelineSettings(
    @JsonPropertyDescription(
            "resize to imageSize x cropScale, then crop imageSize at random (Reed: 76 -> 64)")
        Boolean randomCrop,
    @JsonPropertyDescription("load size over image size for random crops") Double cropScale,
    @JsonPropertyDescription("flip images horizontally at random") Boolean flip,
    @JsonPropertyDescription("threads that decode and assemble batches") Integer workers,
    @JsonPropertyDescription("batches prepared ahead of the trainer") Integer prefetch,
    @JsonPropertyDescription("mismatched captions come from another image or another class")
        Mismatch mismatch,
    @JsonPropertyDescription("skip (and count) or fail on an image that does not decode")
        OnError onError,
    @JsonPropertyDescription(
            "mismatched captions drawn per example; above 1, the one whose encoding is nearest the true caption's is used (hard negatives, e.g. the same petal colour with another centre)")
        Integer mismatchCandidates,
    @JsonPropertyDescription(
            "probability of leaving out each word of a training caption (at least one word stays); a partial caption still describes its image, and the generator learns each phrase's share on its own; 0: off")
        Double wordDropout,
    @JsonPropertyDescription(
            "the text of a training image: one (one of its captions, drawn each step) or image-mean (the "
                + "mean of all its captions' encodings, the report's CUB-200 experiment; pooled encoders only)")
        CaptionPooling captionPooling) {

  public ImagePipelineSettings {
    randomCrop = Checks.orDefault(randomCrop, false);
    cropScale = Checks.inRange("cropScale", Checks.orDefault(cropScale, 76.0 / 64.0), 1.0, 4.0);
    flip = Checks.orDefault(flip, false);
    workers = Checks.inRange("workers", Checks.orDefault(workers, 2), 1, 64);
    prefetch = Checks.inRange("prefetch", Checks.orDefault(prefetch, 4), 1, 64);
    mismatch = Checks.orDefault(mismatch, Mismatch.CLASS);
    onError = Checks.orDefault(onError, OnError.SKIP);
    mismatchCandidates =
        Checks.inRange("mismatchCandidates", Checks.orDefault(mismatchCandidates, 1), 1, 64);
    wordDropout = Checks.inRange("wordDropout", Checks.orDefault(wordDropout, 0.0), 0.0, 0.9);
    captionPooling = Checks.orDefault(captionPooling, CaptionPooling.ONE);
  }

  public static ImagePipelineSettings defaults() {
    return new ImagePipelineSettings(null, null, null, null, null, null, null, null, null, null);
  }
}
