package dev.t2i.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The distribution figures between two feature sets, as a report section. */
final class Distribution {
  private Distribution() {}

  /**
   * FD, KID, precision/recall and density/coverage of {@code generated} against {@code real}, on at
   * most {@code limit} rows of each.
   */
  static Map<String, Object> compare(
      String features, float[][] generated, float[][] real, int limit, long seed) {
    float[][] g = Arrays.copyOf(generated, Math.min(limit, generated.length));
    float[][] r = Arrays.copyOf(real, Math.min(limit, real.length));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("features", features);
    out.put("generatedSamples", g.length);
    out.put("realSamples", r.length);
    out.put("frechetDistance", round(FeatureMetrics.frechet(g, r)));
    out.put(
        "kid",
        round(FeatureMetrics.kid(g, r, 10, Math.min(500, Math.min(g.length, r.length)), seed)));
    FeatureMetrics.Manifold m = FeatureMetrics.manifold(r, g, 3);
    out.put("precision", round(m.precision()));
    out.put("recall", round(m.recall()));
    out.put("density", round(m.density()));
    out.put("coverage", round(m.coverage()));
    out.put("k", m.k());
    return out;
  }

  static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
