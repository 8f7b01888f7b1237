package dev.t2i.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Forty sentence forms in the style of the Oxford-102 captions, lower case and without punctuation:
 * the centre named first, "the middle is", relative clauses, "surrounded by", lists of features, a
 * typo. Every form names the petal colour; 34 of 40 name the centre colour; counts, shapes and
 * sizes appear in some. The last ten forms are held out: training captions never use them, test and
 * validation captions may, and each example records which form each of its captions came from, so
 * that evaluation can report the held-out forms apart.
 */
final class CaptionTemplates {
  private CaptionTemplates() {}

  /**
   * Slots: {p} petal colour, {c} centre colour, {w} centre word, {n} count, {s} shape, {z} size.
   */
  static final List<String> FORMS =
      List.of(
          // Seen in training (0-29).
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
          "a flower with {n} {p} petals",
          "this flower has {n} {s} petals colored {p} around a {c} {w}",
          "the {z} flower shown has {p} petals and its {w} is {c}",
          "{p} {s} petals and a {c} {w} make up this {z} flower",
          "this flower has a {c} {w} and {p} petals",
          "there are {n} {p} petals on this flower with a {c} {w}",
          "a {z} flower that has {s} petals in {p}",
          "the petals are {p} and {s} and the {w} is {c}",
          "this pretty flower has {p} petals and a bright {c} {w}",
          "the {p} petals of this flower are {s} and there is a {c} {w}",
          "a flower with a {c} {w} surrounded by {p} petals",
          "this {z} flower has {n} petals that are {p}",
          "{n} {p} petals grow around a {c} {w}",
          // Held out of training (30-39).
          "the {w} of this flower is {c} and its petals are {p}",
          "the middle is {c} and the {s} petals are {p}",
          "a {z} flower whose petals are {p} with a {c} {w}",
          "look at the {c} {w} on this {p} flower",
          "this flower has a {c} {w} surrounded by {n} {p} petals",
          "{p} petals {c} {w} and {n} petals in all",
          "this flowr has {p} petals and a {c} {w}",
          "the flower is {z} with petals that are {p} and a {w} that is {c}",
          "a {c} {w} is at the heart of this flower which has {p} petals",
          "its petals are {p} and {s} while the {w} is {c}");

  /** Forms 0 to {@code SEEN - 1} are used in training; the rest are held out. */
  static final int SEEN = 30;

  /** Whether form {@code form} is held out of training. */
  static boolean heldOut(int form) {
    return form >= SEEN;
  }

  /** A caption and the form it was written from. */
  record Caption(String text, int form) {}

  /**
   * {@code count} captions of distinct forms for {@code f}: from the seen forms only, or from all
   * forty with {@code heldOutForms}.
   */
  static List<Caption> captions(Flower f, int count, boolean heldOutForms, SplittableRandom rng) {
    int[] order = new int[heldOutForms ? FORMS.size() : SEEN];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    List<Caption> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int j = i + rng.nextInt(order.length - i);
      int t = order[j];
      order[j] = order[i];
      order[i] = t;
      out.add(new Caption(fill(FORMS.get(t), f, rng), t));
    }
    return out;
  }

  private static String fill(String template, Flower f, SplittableRandom rng) {
    String shapeWord = f.shape().words().get(rng.nextInt(f.shape().words().size()));
    String centreWord =
        FlowerPalette.CENTRE_WORDS.get(rng.nextInt(FlowerPalette.CENTRE_WORDS.size()));
    return template
        .replace("{p}", f.petal().name())
        .replace("{c}", f.centre().name())
        .replace("{w}", centreWord)
        .replace("{n}", FlowerPalette.countWord(f.petals()))
        .replace("{s}", shapeWord)
        .replace("{z}", f.large() ? "large" : "small");
  }
}
