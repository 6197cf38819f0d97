package io.orderstream.tools.generate.fuzz;

/**
 * What fuzz corpus to write. The same spec always yields byte-identical files and manifest.
 *
 * @param seed seed of every random choice (the valid events and where the broken inputs go)
 * @param orders valid generated orders whose events are spread over the small files
 * @param bigFileBytes size the one large JSON Lines file reaches (whole orders are added until it
 *     does); 0 leaves the large file out
 */
public record FuzzSpec(long seed, int orders, long bigFileBytes) {
  /**
   * The corpus is built in memory: its orders and the large file are bounded to stay well within a
   * default heap.
   */
  public static final int MAX_ORDERS = 5_000;

  public static final long MAX_BIG_FILE_BYTES = 200L << 20;

  public FuzzSpec {
    if (orders < 1 || orders > MAX_ORDERS) {
      throw new IllegalArgumentException(
          "orders must be from 1 to " + MAX_ORDERS + ", not " + orders);
    }
    if (bigFileBytes < 0 || bigFileBytes > MAX_BIG_FILE_BYTES) {
      throw new IllegalArgumentException(
          "bigFileBytes must be from 0 to " + MAX_BIG_FILE_BYTES + ", not " + bigFileBytes);
    }
  }

  public static FuzzSpec ofMegabytes(long seed, int orders, double megabytes) {
    if (!(megabytes >= 0 && megabytes <= MAX_BIG_FILE_BYTES >> 20)) {
      throw new IllegalArgumentException(
          "megabytes must be from 0 to " + (MAX_BIG_FILE_BYTES >> 20) + ", not " + megabytes);
    }
    return new FuzzSpec(seed, orders, (long) (megabytes * (1 << 20)));
  }
}
