package io.orderstream.tools.generate;

import java.util.List;
import java.util.Random;

/**
 * The generator's only source of randomness: a seeded {@link Random} with the few draws the
 * generator needs.
 *
 * <p>{@code java.util.Random} is used on purpose: its algorithm is part of the Java specification,
 * so a seed yields the same values on every JVM. {@link #fork(String, long)} derives independent
 * streams (one per order, one per concern), so adding an order or a draw in one place does not
 * shift the values drawn everywhere else.
 */
final class Rng {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final char[] UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

  private final long seed;
  private final Random random;

  Rng(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** An independent stream named by {@code purpose} and {@code index}, fixed for this seed. */
  Rng fork(String purpose, long index) {
    long mixed = seed;
    for (char c : purpose.toCharArray()) {
      mixed = mix(mixed + c);
    }
    return new Rng(mix(mixed ^ mix(index + 0x632BE59BD9B4E019L)));
  }

  /** A uniform integer in {@code [lo, hi]} (both inclusive). */
  int between(int lo, int hi) {
    return lo + random.nextInt(hi - lo + 1);
  }

  /** A uniform long in {@code [lo, hi]} (both inclusive). */
  long between(long lo, long hi) {
    return lo + Math.floorMod(random.nextLong(), hi - lo + 1);
  }

  /** True with probability {@code p}. */
  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** Index drawn with the given relative weights. */
  int weighted(int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int draw = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      draw -= weights[i];
      if (draw < 0) {
        return i;
      }
    }
    throw new IllegalStateException("unreachable: weights sum to " + total);
  }

  /** Fisher-Yates shuffle in place, driven by this stream. */
  <T> void shuffle(List<T> values) {
    for (int i = values.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      values.set(j, values.set(i, values.get(j)));
    }
  }

  String hex(int length) {
    return draw(HEX, length);
  }

  String alnum(int length) {
    return draw(ALNUM, length);
  }

  String upper(int length) {
    return draw(UPPER, length);
  }

  String digits(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) ('0' + random.nextInt(10)));
    }
    return out.toString();
  }

  byte[] bytes(int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  private String draw(char[] alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet[random.nextInt(alphabet.length)]);
    }
    return out.toString();
  }

  /** SplitMix64 finalizer: spreads nearby inputs over the whole 64-bit range. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
