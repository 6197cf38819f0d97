package io.orderstream.tools.generate;

/**
 * Amounts are computed in whole cents (exact) and only turned into the events' JSON numbers at the
 * end, so sums such as the order summary never pick up binary rounding noise.
 */
final class Money {
  private Money() {}

  static double toDouble(long cents) {
    return cents / 100.0;
  }
}
