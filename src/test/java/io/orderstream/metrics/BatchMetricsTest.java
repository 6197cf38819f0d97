package io.orderstream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.pipeline.BatchReport;
import io.orderstream.sink.MergeMetrics;
import io.orderstream.testing.SettableClock;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BatchMetricsTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T10:00:00Z"));
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final BatchMetrics metrics = new BatchMetrics(registry, clock);

  @Test
  void countersAddUpEveryBatchPerReasonAndPerTableAndChange() throws IOException {
    metrics.record(
        report(
            0,
            12,
            Map.of("not-json", 2L, "empty", 1L),
            Map.of("order_item", new MergeMetrics(5, 1, 0)),
            4_000));
    metrics.record(
        report(
            1, 8, Map.of("not-json", 1L), Map.of("order_item", new MergeMetrics(2, 0, 3)), 12_000));

    assertThat(scrape())
        .contains(
            "orderstream_batches_total 2.0",
            "orderstream_events_total 20.0",
            "orderstream_quarantined_total{reason=\"empty\"} 1.0",
            "orderstream_quarantined_total{reason=\"not-json\"} 3.0",
            "orderstream_orders_changed_total 10.0",
            "orderstream_rows_written_total{change=\"deleted\",table=\"order_item\"} 3.0",
            "orderstream_rows_written_total{change=\"inserted\",table=\"order_item\"} 7.0",
            "orderstream_rows_written_total{change=\"updated\",table=\"order_item\"} 1.0",
            "orderstream_last_batch_duration_seconds 12.0",
            "orderstream_batch_duration_seconds_bucket{le=\"5.0\"} 1",
            "orderstream_batch_duration_seconds_bucket{le=\"20.0\"} 2",
            "orderstream_batch_duration_seconds_count 2",
            "orderstream_batch_duration_seconds_sum 16.0");
  }

  @Test
  void lastBatchAgeGrowsUntilTheNextBatchCommits() throws IOException {
    clock.advanceSeconds(90);
    assertThat(scrape())
        .as("no batch yet: since the start")
        .contains("orderstream_last_batch_age_seconds 90.0");

    metrics.record(report(0, 1, Map.of(), Map.of(), 1_000));
    clock.advanceSeconds(30);
    assertThat(scrape()).contains("orderstream_last_batch_age_seconds 30.0");

    metrics.record(report(1, 1, Map.of(), Map.of(), 1_000));
    assertThat(scrape()).contains("orderstream_last_batch_age_seconds 0.0");
  }

  @Test
  void inputsWaitingIsServedOnlyWhenTheSourceCountedThem() throws IOException {
    assertThat(scrape()).as("before any batch").doesNotContain("orderstream_inputs_waiting ");

    metrics.record(withWaiting(report(0, 4, Map.of(), Map.of(), 1_000), OptionalLong.of(17)));
    assertThat(scrape()).contains("orderstream_inputs_waiting 17.0");

    metrics.record(withWaiting(report(1, 4, Map.of(), Map.of(), 1_000), OptionalLong.empty()));
    assertThat(scrape())
        .as("a source that cannot tell")
        .doesNotContain("orderstream_inputs_waiting ");
  }

  private static BatchReport withWaiting(BatchReport r, OptionalLong waiting) {
    return new BatchReport(
        r.batchId(),
        r.inputs(),
        r.events(),
        r.quarantined(),
        r.quarantinedByReason(),
        r.ordersChanged(),
        r.rowsWritten(),
        r.startedAt(),
        r.millis(),
        r.phaseMillis(),
        waiting);
  }

  private static BatchReport report(
      long batchId,
      long events,
      Map<String, Long> quarantined,
      Map<String, MergeMetrics> rows,
      long millis) {
    return new BatchReport(
        batchId,
        events + quarantined.size(),
        events,
        quarantined.values().stream().mapToLong(Long::longValue).sum(),
        quarantined,
        events / 2,
        rows,
        Instant.EPOCH,
        millis,
        Map.of(),
        OptionalLong.empty());
  }

  private String scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
