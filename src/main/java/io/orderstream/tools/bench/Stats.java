package io.orderstream.tools.bench;

import java.util.List;

/** Order statistics of measured values, and how two timed runs of the same work compare. */
final class Stats {
  private Stats() {}

  static long median(List<Long> values) {
    return percentile(values, 50);
  }

  /** Nearest-rank percentile: the smallest value at or above {@code p} percent of the values. */
  static long percentile(List<Long> values, double p) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /**
   * How fast a run went against a reference run of the same work: the inverse ratio of their times,
   * to two decimals (above 1: faster than the reference).
   */
  static double speedRatio(long referenceMillis, long millis) {
    return Math.round(referenceMillis * 100.0 / millis) / 100.0;
  }

  /** {@code millis} over {@code referenceMillis}, to two decimals (above 1: slower). */
  static double timeRatio(long millis, long referenceMillis) {
    return Math.round(millis * 100.0 / Math.max(1, referenceMillis)) / 100.0;
  }
}
