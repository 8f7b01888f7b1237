package dev.t2i.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Eighteen caption templates in the style of the Oxford-102 captions, lower case and without
 * punctuation. Every template names the petal colour; fourteen of eighteen name the centre colour
 * (78%); counts, shapes and sizes appear in some.
 */
final class CaptionTemplates {
  private CaptionTemplates() {}

  /** Slots: {p} petal colour, {c} centre colour, {w} centre word, {n} count, {s} shape, {z} size. */
  static final List<String> TEMPLATES = List.of(
      "this flower has {p} petals and a {c} {w}",
      "a flower with {n} {s} {p} petals and a {c} {w}",
      "the petals of this flower are {p} and the {w} is {c}",
      "this {z} flower has {p} petals with a {c} {w}",
      "a {z} {p} flower with {s} petals",
      "this flower is {p} in color with a {c} {w}",
      "the flower has {n} petals that are {p} and {s}",
      "{p} petals surround a {c} {w}",
      "this flower has {s} petals that are {p} in color and a {c} {w}",
      "a {p} flower with a {c} {w} and {n} petals",
      "the {w} is {c} and the petals are {p}",
      "this flower has {n} {p} petals arranged around a {c} {w}",
      "a {z} flower with {p} {s} petals and a {c} {w}",
      "this {p} flower has {s} petals",
      "a {c} {w} sits in the middle of {p} petals",
      "the petals of this {z} flower are {p} with a {c} {w}",
      "this flower has petals that are {p} with a {c} {w}",
      "a flower with {n} {p} petals");

  /** {@code count} distinct templates, filled for {@code f}. */
  static List<String> captions(Flower f, int count, SplittableRandom rng) {
    int[] order = new int[TEMPLATES.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int j = i + rng.nextInt(order.length - i);
      int t = order[j];
      order[j] = order[i];
      order[i] = t;
      out.add(fill(TEMPLATES.get(t), f, rng));
    }
    return out;
  }

  private static String fill(String template, Flower f, SplittableRandom rng) {
    String shapeWord = f.shape().words().get(rng.nextInt(f.shape().words().size()));
    String centreWord = FlowerPalette.CENTRE_WORDS.get(rng.nextInt(FlowerPalette.CENTRE_WORDS.size()));
    return template
        .replace("{p}", f.petal().name())
        .replace("{c}", f.centre().name())
        .replace("{w}", centreWord)
        .replace("{n}", FlowerPalette.countWord(f.petals()))
        .replace("{s}", shapeWord)
        .replace("{z}", f.large() ? "large" : "small");
  }
}
