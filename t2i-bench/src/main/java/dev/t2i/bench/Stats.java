package dev.t2i.bench;

import java.util.Arrays;

/** Medians and spreads of repeated timings. */
final class Stats {
  private Stats() {}

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static String summary(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return String.format(
        "median %.4f min %.4f max %.4f (n=%d)", median(v), s[0], s[s.length - 1], s.length);
  }
}
