package dev.t2i.datasets.synthetic;

import dev.t2i.api.data.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic flower generator: flower {@code i} of a split, its ten captions and its image are
 * pure functions of (seed, split, i), so any example can be made on its own, in any order.
 *
 * <p>Training flowers never use a held-out (petal, centre) pair nor a held-out sentence form; a
 * share of the test and validation flowers (30% by default) use only held-out pairs, the others any
 * allowed pair, and their captions may take any form.
 */
public final class SyntheticFlowers {
  /** Captions per image. */
  public static final int CAPTIONS = 10;

  private final long seed;
  private final double heldOutShare;
  private final List<FlowerPalette.Colour[]> trainPairs = new ArrayList<>();
  private final List<FlowerPalette.Colour[]> allPairs = new ArrayList<>();
  private final List<FlowerPalette.Colour[]> heldOutPairs = new ArrayList<>();

  public SyntheticFlowers(long seed, double heldOutShare) {
    this.seed = seed;
    this.heldOutShare = heldOutShare;
    for (FlowerPalette.Colour p : FlowerPalette.PETAL_COLOURS) {
      for (FlowerPalette.Colour c : FlowerPalette.CENTRE_COLOURS) {
        if (p.name().equals(c.name())) {
          continue;
        }
        FlowerPalette.Colour[] pair = {p, c};
        allPairs.add(pair);
        if (FlowerPalette.isHeldOut(p.name(), c.name())) {
          heldOutPairs.add(pair);
        } else {
          trainPairs.add(pair);
        }
      }
    }
  }

  private SplittableRandom random(Split split, int index, long stream) {
    long s =
        seed * 0x9E3779B97F4A7C15L
            + switch (split) {
              case TRAIN -> 0x632BE59BD9B4E019L;
              case TEST -> 0x85157AF5L;
              case VALIDATION -> 0x2545F4914F6CDD1DL;
            };
    s = s * 0xD1B54A32D192ED03L + index;
    return new SplittableRandom(s ^ (stream * 0xBF58476D1CE4E5B9L));
  }

  /** Flower {@code index} of {@code split}. */
  public Flower flower(Split split, int index) {
    SplittableRandom rng = random(split, index, 1);
    List<FlowerPalette.Colour[]> pairs;
    if (split == Split.TRAIN) {
      pairs = trainPairs;
    } else {
      pairs = rng.nextDouble() < heldOutShare ? heldOutPairs : allPairs;
    }
    FlowerPalette.Colour[] pair = pairs.get(rng.nextInt(pairs.size()));
    int petals = FlowerPalette.PETAL_COUNTS.get(rng.nextInt(FlowerPalette.PETAL_COUNTS.size()));
    FlowerPalette.Shape shape = FlowerPalette.Shape.values()[rng.nextInt(3)];
    boolean large = rng.nextBoolean();
    double radius = large ? 23 + 4 * rng.nextDouble() : 16 + 3 * rng.nextDouble();
    double dx = 6 * rng.nextDouble() - 3;
    double dy = 6 * rng.nextDouble() - 3;
    double rotation = 2 * Math.PI * rng.nextDouble();
    int[] pj = {rng.nextInt(21) - 10, rng.nextInt(21) - 10, rng.nextInt(21) - 10};
    int[] cj = {rng.nextInt(21) - 10, rng.nextInt(21) - 10, rng.nextInt(21) - 10};
    return new Flower(
        pair[0], pair[1], petals, shape, large, radius, dx, dy, rotation, pj, cj, rng.nextLong());
  }

  /** The ten captions of flower {@code index} of {@code split}, with their forms. */
  List<CaptionTemplates.Caption> captions(Split split, int index) {
    return CaptionTemplates.captions(
        flower(split, index), CAPTIONS, split != Split.TRAIN, random(split, index, 2));
  }

  /** Number of sentence forms; forms {@link #isHeldOutForm held out} of training are among them. */
  public static int forms() {
    return CaptionTemplates.FORMS.size();
  }

  /** Whether sentence form {@code form} is held out of training captions. */
  public static boolean isHeldOutForm(int form) {
    return CaptionTemplates.heldOut(form);
  }
}
