package dev.t2i.api.data;

import dev.t2i.api.Checks;
import dev.t2i.api.Maps;
import java.util.List;
import java.util.Map;

/**
 * One image and its captions.
 *
 * @param id stable identifier, such as {@code image_00042}
 * @param split the split it belongs to
 * @param classId class number, or -1 if the data set has no classes
 * @param captions its captions (10 for Oxford-102 and CUB, 5 for Flickr30k)
 * @param image its pixels
 * @param attributes known attribute labels, such as {@code petal_color: pink}; empty if none
 */
public record Example(
    String id,
    Split split,
    int classId,
    List<String> captions,
    ImageRef image,
    Map<String, String> attributes) {
  public Example {
    Checks.required("id", id);
    Checks.required("split", split);
    Checks.required("image", image);
    captions = List.copyOf(captions);
    attributes = Maps.ordered(attributes);
  }
}
