package dev.t2i.datasets.synthetic;

import java.util.List;

/** The colours, counts, shapes and sizes of synthetic flowers, with their caption words. */
public final class FlowerPalette {
  private FlowerPalette() {}

  /** A named colour. */
  public record Colour(String name, int r, int g, int b) {}

  public static final List<Colour> PETAL_COLOURS =
      List.of(
          new Colour("red", 215, 35, 45),
          new Colour("orange", 240, 135, 25),
          new Colour("yellow", 245, 210, 45),
          new Colour("white", 238, 238, 232),
          new Colour("pink", 238, 125, 175),
          new Colour("purple", 135, 60, 170),
          new Colour("blue", 55, 95, 215));

  public static final List<Colour> CENTRE_COLOURS =
      List.of(
          new Colour("yellow", 245, 210, 45),
          new Colour("brown", 115, 70, 30),
          new Colour("white", 238, 238, 232),
          new Colour("black", 28, 24, 24),
          new Colour("green", 70, 160, 60));

  /** (petal, centre) pairs that appear only in the test split. */
  public static final List<List<String>> HELD_OUT =
      List.of(
          List.of("blue", "white"),
          List.of("red", "black"),
          List.of("yellow", "brown"),
          List.of("purple", "green"),
          List.of("pink", "yellow"));

  public static final List<Integer> PETAL_COUNTS = List.of(4, 5, 6, 8);

  /** Petal shapes and their width-to-length ratios. */
  public enum Shape {
    ROUND(0.7, List.of("round", "rounded")),
    POINTED(0.45, List.of("pointed")),
    THIN(0.22, List.of("thin", "skinny", "narrow"));

    final double aspect;
    final List<String> words;

    Shape(double aspect, List<String> words) {
      this.aspect = aspect;
      this.words = words;
    }

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public List<String> words() {
      return words;
    }
  }

  public static final List<String> CENTRE_WORDS = List.of("center", "stamen", "pistil", "middle");

  /** The count as a word. */
  public static String countWord(int n) {
    return switch (n) {
      case 4 -> "four";
      case 5 -> "five";
      case 6 -> "six";
      case 8 -> "eight";
      default -> throw new IllegalArgumentException("no petal count " + n);
    };
  }

  public static boolean isHeldOut(String petal, String centre) {
    return HELD_OUT.contains(List.of(petal, centre));
  }
}
