package io.orderstream.pipeline;

import io.orderstream.model.BatchLogTable;
import io.orderstream.sink.BatchTransaction;
import io.orderstream.sink.MergeMetrics;
import io.orderstream.sink.TableLocations;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Appends a committed batch's {@link BatchReport} to the {@code batch_log} table, under the batch's
 * transaction id like every other write of the batch: a batch replayed after a crash between its
 * manifest and this append logs once.
 */
final class BatchLogRecorder {
  /**
   * Off skips the append, which costs a Delta commit per batch (about half a second on 2 cores):
   * for latency-bound runs that have the metrics endpoint instead, and for tests that do not look
   * at the log.
   */
  static final String ENABLED_CONF = "spark.orderstream.batchLog.enabled";

  /** {@code user:secret@} in a URI: the log is read by more people than the configuration. */
  private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/@\\s]+@");

  private final TableLocations locations;
  private final String appId;
  private final String source;
  private final boolean enabled;

  BatchLogRecorder(
      TableLocations locations, String appId, String sourceDescription, boolean enabled) {
    this.locations = locations;
    this.appId = appId;
    this.source = withoutCredentials(sourceDescription);
    this.enabled = enabled;
  }

  /** Whether the session's {@value #ENABLED_CONF} (true unless set otherwise) keeps the log. */
  static boolean enabledIn(SparkSession spark) {
    return Boolean.parseBoolean(spark.conf().get(ENABLED_CONF, "true").trim());
  }

  /** The row of {@code report}; {@code oldestInputAgeMillis} null when the source has no times. */
  Row row(BatchReport report, Instant endedAt, Long oldestInputAgeMillis) {
    Map<String, Row> rows = new TreeMap<>();
    report
        .rowsWritten()
        .forEach(
            (table, m) ->
                rows.put(table, RowFactory.create(m.inserted(), m.updated(), m.deleted())));
    return RowFactory.create(
        appId + ":" + report.batchId(),
        appId,
        report.batchId(),
        source,
        Timestamp.from(report.startedAt()),
        Timestamp.from(endedAt),
        report.millis(),
        report.inputs(),
        report.events(),
        report.quarantined(),
        scalaMap(report.quarantinedByReason()),
        report.ordersChanged(),
        scalaMap(rows),
        scalaMap(report.phaseMillis()),
        oldestInputAgeMillis,
        report.inputsWaiting().isPresent() ? report.inputsWaiting().getAsLong() : null);
  }

  void append(SparkSession spark, BatchTransaction txn, Row row) {
    if (!enabled) {
      return;
    }
    txn.run(
        spark,
        () -> {
          spark
              .createDataFrame(List.of(row), BatchLogTable.DEFINITION.schema())
              .write()
              .format("delta")
              .mode(SaveMode.Append)
              .save(locations.pathOf(BatchLogTable.NAME));
          return null;
        });
  }

  /** What {@link io.orderstream.sink.Compaction} counts for the batch log: one appended row. */
  Map<String, MergeMetrics> written() {
    return enabled ? Map.of(BatchLogTable.NAME, new MergeMetrics(1, 0, 0)) : Map.of();
  }

  static String withoutCredentials(String description) {
    return USER_INFO.matcher(description).replaceAll("***@");
  }

  private static <V> scala.collection.Map<String, V> scalaMap(Map<String, V> map) {
    return CollectionConverters.asScala(new TreeMap<>(map));
  }
}
