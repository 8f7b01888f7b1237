package dev.t2i.curation.features;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.FeatureExtractor;
import java.nio.file.Path;
import java.util.List;

/**
 * Settings of {@code savedmodel}.
 *
 * @param path the SavedModel directory (with saved_model.pb)
 * @param tags its meta-graph tags
 * @param signature the signature whose inputs and outputs {@code input} and {@code output} name
 * @param input the image input: a signature input key, or a graph tensor such as {@code input_1:0};
 *     by default the signature's only input
 * @param output the features: a signature output key such as {@code fc2}, or a graph tensor such as
 *     {@code fc2/Relu:0}
 * @param size the side the images are resized to
 * @param preprocessing how pixels are scaled
 * @param batch images per call
 */
public record SavedModelFeaturesSettings(
    @JsonPropertyDescription("the SavedModel directory (with saved_model.pb)") Path path,
    @JsonPropertyDescription("meta-graph tags") List<String> tags,
    @JsonPropertyDescription("signature whose keys input and output name") String signature,
    @JsonPropertyDescription(
            "image input: a signature input key or a tensor name (default: the only input)")
        String input,
    @JsonPropertyDescription(
            "features: a signature output key such as fc2, or a tensor name such as fc2/Relu:0")
        String output,
    @JsonPropertyDescription("side the images are resized to") Integer size,
    @JsonPropertyDescription(
            "caffe (VGG16/ResNet50 Keras), unit [0,1], symmetric [-1,1], or raw 0-255")
        Preprocessing preprocessing,
    @JsonPropertyDescription("images per call") Integer batch)
    implements FeatureExtractor.Settings {

  public SavedModelFeaturesSettings {
    Checks.required("path", path);
    Checks.required("output", output);
    tags = tags == null || tags.isEmpty() ? List.of("serve") : List.copyOf(tags);
    signature = Checks.orDefault(signature, "serving_default");
    size = Checks.inRange("size", Checks.orDefault(size, 224), 8, 1024);
    preprocessing = Checks.orDefault(preprocessing, Preprocessing.CAFFE);
    batch = Checks.inRange("batch", Checks.orDefault(batch, 32), 1, 4096);
  }
}
