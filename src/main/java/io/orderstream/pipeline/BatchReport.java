package io.orderstream.pipeline;

import io.orderstream.sink.MergeMetrics;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * What one micro-batch did; {@link #toLogLine()} is the one line logged per batch.
 *
 * @param inputs what the batch read: files, S3 objects or Kafka records, each one or more events
 * @param quarantined documents quarantined: a file, record or line that is not a usable event
 * @param quarantinedByReason the same, per reason code (see the quarantine table)
 * @param rowsWritten rows inserted, updated and deleted per table
 * @param startedAt when the batch's processing started
 * @param millis from the start to the manifest
 * @param phaseMillis the time of each phase (see the batch log's {@code phase_ms})
 * @param inputsWaiting inputs known to wait once the batch committed; empty when the source cannot
 *     tell
 */
public record BatchReport(
    long batchId,
    long inputs,
    long events,
    long quarantined,
    Map<String, Long> quarantinedByReason,
    long ordersChanged,
    Map<String, MergeMetrics> rowsWritten,
    Instant startedAt,
    long millis,
    Map<String, Long> phaseMillis,
    OptionalLong inputsWaiting) {

  public BatchReport {
    quarantinedByReason = Map.copyOf(quarantinedByReason);
    rowsWritten = Map.copyOf(rowsWritten);
    phaseMillis = Map.copyOf(phaseMillis);
  }

  public String toLogLine() {
    String tables =
        rowsWritten.entrySet().stream()
            .filter(e -> e.getValue().total() > 0)
            .sorted(Map.Entry.comparingByKey())
            .map(
                e ->
                    e.getKey()
                        + "=+"
                        + e.getValue().inserted()
                        + "/~"
                        + e.getValue().updated()
                        + "/-"
                        + e.getValue().deleted())
            .collect(Collectors.joining(" "));
    return String.format(
        "batch %d: %d inputs, %d events, %d quarantined, %d orders changed, rows [%s], %d ms",
        batchId,
        inputs,
        events,
        quarantined,
        ordersChanged,
        tables.isEmpty() ? "none" : tables,
        millis);
  }
}
