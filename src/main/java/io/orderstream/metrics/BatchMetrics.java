package io.orderstream.metrics;

import io.orderstream.pipeline.BatchReport;
import io.orderstream.sink.MergeMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.Map;

/**
 * The pipeline's metrics, kept up to date from each committed batch's {@link BatchReport}. Names
 * follow Prometheus' conventions: counters end in {@code _total} when served, durations are in
 * seconds, and a batch's age is a gauge computed when scraped, so an alert can fire on a pipeline
 * that stopped committing without anything having to report it.
 */
public final class BatchMetrics {
  /**
   * Upper bounds of the batch-duration histogram, in seconds: from a warm small batch to a backlog.
   */
  private static final double[] DURATION_BUCKETS = {1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600};

  private final Clock clock;
  private final Counter batches;
  private final Counter events;
  private final Counter quarantined;
  private final Counter ordersChanged;
  private final Counter rowsWritten;
  private final Gauge lastDuration;
  private final Histogram durations;

  /** When the last batch committed, in epoch milliseconds; 0 until one has. */
  private volatile long lastCommitMillis;

  /**
   * Inputs the last batch left waiting; -1 while unknown (no batch yet, or a source that cannot
   * tell).
   */
  private volatile long inputsWaiting = -1;

  public BatchMetrics(PrometheusRegistry registry, Clock clock) {
    this.clock = clock;
    this.batches =
        Counter.builder()
            .name("orderstream_batches")
            .help("Micro-batches committed to every table.")
            .register(registry);
    this.events =
        Counter.builder()
            .name("orderstream_events")
            .help("Valid events read (duplicates and events that changed nothing included).")
            .register(registry);
    this.quarantined =
        Counter.builder()
            .name("orderstream_quarantined")
            .help(
                "Documents quarantined (a file, record or JSON Lines line), by reason code as in"
                    + " the quarantine table.")
            .labelNames("reason")
            .register(registry);
    this.ordersChanged =
        Counter.builder()
            .name("orderstream_orders_changed")
            .help("Orders whose winning event changed, so their rows were rewritten.")
            .register(registry);
    this.rowsWritten =
        Counter.builder()
            .name("orderstream_rows_written")
            .help("Rows written per table and change (inserted, updated, deleted).")
            .labelNames("table", "change")
            .register(registry);
    this.lastDuration =
        Gauge.builder()
            .name("orderstream_last_batch_duration_seconds")
            .help("How long the last committed batch took, from its inputs to its manifest.")
            .register(registry);
    this.durations =
        Histogram.builder()
            .name("orderstream_batch_duration_seconds")
            .help("How long each committed batch took.")
            .classicOnly()
            .classicUpperBounds(DURATION_BUCKETS)
            .register(registry);
    GaugeWithCallback.builder()
        .name("orderstream_last_batch_age_seconds")
        .help(
            "Seconds since the last batch committed; since the start while none has. Alert when it"
                + " grows while inputs wait.")
        .callback(callback -> callback.call(ageSeconds()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("orderstream_inputs_waiting")
        .help(
            "Inputs waiting once the last batch committed: files its listing left for later"
                + " batches, or Kafka records behind the partitions' ends; absent until a batch has"
                + " committed, and for SQS, whose queue depth CloudWatch gives.")
        .callback(
            callback -> {
              long waiting = inputsWaiting;
              if (waiting >= 0) {
                callback.call(waiting);
              }
            })
        .register(registry);
    this.lastCommitMillis = clock.millis();
  }

  /** Counts a batch that has committed every table. */
  public void record(BatchReport report) {
    batches.inc();
    events.inc(report.events());
    report
        .quarantinedByReason()
        .forEach((reason, count) -> quarantined.labelValues(reason).inc(count));
    ordersChanged.inc(report.ordersChanged());
    for (Map.Entry<String, MergeMetrics> table : report.rowsWritten().entrySet()) {
      MergeMetrics rows = table.getValue();
      rowsWritten.labelValues(table.getKey(), "inserted").inc(rows.inserted());
      rowsWritten.labelValues(table.getKey(), "updated").inc(rows.updated());
      rowsWritten.labelValues(table.getKey(), "deleted").inc(rows.deleted());
    }
    double seconds = report.millis() / 1000.0;
    lastDuration.set(seconds);
    durations.observe(seconds);
    lastCommitMillis = clock.millis();
    inputsWaiting = report.inputsWaiting().orElse(-1);
  }

  private double ageSeconds() {
    return (clock.millis() - lastCommitMillis) / 1000.0;
  }
}
