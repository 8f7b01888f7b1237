package dev.t2i.datasets.synthetic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides one synthetic flower: its attributes and the random choices of its
 * rendering. A pure function of (seed, split, index).
 *
 * @param petal petal colour
 * @param centre centre colour (never the same name as the petal colour)
 * @param petals number of petals
 * @param shape petal shape
 * @param large whether the flower is large (outer radius 23–27 px at 64 px) or small (16–19)
 * @param radius outer radius at 64 px
 * @param dx horizontal jitter of the centre at 64 px, in [-3, 3]
 * @param dy vertical jitter of the centre at 64 px, in [-3, 3]
 * @param rotation rotation in radians
 * @param petalJitter per-channel colour jitter of the petals, in [-10, 10]
 * @param centreJitter per-channel colour jitter of the centre, in [-10, 10]
 * @param renderSeed seed of the background's variation and noise
 */
public record Flower(
    FlowerPalette.Colour petal,
    FlowerPalette.Colour centre,
    int petals,
    FlowerPalette.Shape shape,
    boolean large,
    double radius,
    double dx,
    double dy,
    double rotation,
    int[] petalJitter,
    int[] centreJitter,
    long renderSeed) {

  /** The attribute labels written beside each image. */
  public Map<String, String> attributes() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("petal_color", petal.name());
    a.put("center_color", centre.name());
    a.put("petal_count", Integer.toString(petals));
    a.put("petal_shape", shape.id());
    a.put("size", large ? "large" : "small");
    return a;
  }

  /** Whether its colour pair is held out of the training split. */
  public boolean heldOut() {
    return FlowerPalette.isHeldOut(petal.name(), centre.name());
  }
}
