package io.orderstream.tools.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big each measurement of the benchmark is.
 *
 * @param backlogOrders orders of the backlog drained by {@code run --once} (about six events each)
 * @param backlogFilesPerTrigger the most files per micro-batch of that run (its
 *     max-files-per-trigger)
 * @param smallBacklogOrders orders of the small backlog, the cold path's second measure: one {@code
 *     run --once} where start-up weighs as much as throughput
 * @param liveEventsPerSecond rate of the live run that measures latency
 * @param liveDuration how long the live run writes events
 * @param historyOrders history sizes at which one batch is timed, ascending; the first is loaded
 *     through the pipeline, the others must be multiples of it (copies, see {@code HistoryCopies})
 * @param batchOrders orders of the timed batch (about six events each)
 * @param repeats timed batches per history size; the median is reported
 */
public record BenchSize(
    String name,
    int backlogOrders,
    int backlogFilesPerTrigger,
    int smallBacklogOrders,
    double liveEventsPerSecond,
    Duration liveDuration,
    List<Integer> historyOrders,
    int batchOrders,
    int repeats) {

  /** The sizes the performance targets are stated for: 100k events, histories up to 500k orders. */
  public static final BenchSize FULL =
      new BenchSize(
          "full",
          20_000,
          10_000,
          4_000,
          20,
          Duration.ofSeconds(120),
          List.of(10_000, 100_000, 500_000),
          150,
          3);

  /** A few minutes end to end: for trying the harness, not for figures. */
  public static final BenchSize SMALL =
      new BenchSize("small", 300, 1_000, 100, 10, Duration.ofSeconds(30), List.of(300, 900), 20, 1);

  /** Every size, by name: what {@code bench} accepts. */
  public static List<BenchSize> all() {
    return List.of(FULL, SMALL);
  }
}
