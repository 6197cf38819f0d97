package io.orderstream.ops;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.orderstream.model.BatchLogTable;
import io.orderstream.model.QuarantineTable;
import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import io.orderstream.sink.SessionPool;
import io.orderstream.sink.TableLocations;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;

/**
 * What {@code orderstream status} reports about a tables folder: its newest manifest, the last
 * batches of the batch log, the quarantine by reason and each table's version, rows, files and last
 * compaction. Every figure comes from the Delta logs and two small tables, so its cost does not
 * grow with the tables' rows.
 */
public final class PipelineStatus {
  /** Commits of a table's history searched for its last compaction. */
  static final int HISTORY_SEARCHED = 100;

  private final SparkSession spark;
  private final TableLocations locations;

  public PipelineStatus(SparkSession spark, String tablesLocation) {
    this.spark = spark;
    this.locations = new TableLocations(tablesLocation);
  }

  /**
   * One line of the batch log.
   *
   * @param inputsWaiting what the source left waiting then; null when it could not tell
   * @param oldestInputAgeMs the batch's oldest input's wait; null without arrival times
   * @param phaseMillis milliseconds per phase, as in the batch log's {@code phase_ms}
   */
  public record BatchLine(
      long batchId,
      Instant endedAt,
      long inputs,
      long events,
      long quarantined,
      long ordersChanged,
      long durationMs,
      Long inputsWaiting,
      Long oldestInputAgeMs,
      Map<String, Long> phaseMillis) {}

  /**
   * One table's state at its newest version.
   *
   * @param lastCompaction the newest OPTIMIZE among the last {@value #HISTORY_SEARCHED} commits
   */
  public record TableState(
      String table, long version, long rows, long files, long bytes, Instant lastCompaction) {}

  public record Report(
      List<BatchLine> lastBatches, Map<String, Long> quarantineByReason, List<TableState> tables) {}

  /** The newest {@code batches} lines of the batch log, the quarantine and every table. */
  public Report read(int batches) {
    List<TableDef> all = Stream.concat(Tables.all().stream(), Tables.OPERATIONAL.stream()).toList();
    List<TableState> tables = SessionPool.forEach(spark, all, this::state);
    return new Report(lastBatches(batches), quarantineByReason(), tables);
  }

  private List<BatchLine> lastBatches(int count) {
    List<BatchLine> lines = new ArrayList<>();
    for (Row row :
        spark
            .read()
            .format("delta")
            .load(locations.pathOf(BatchLogTable.NAME))
            .orderBy(col("ended_at").desc())
            .limit(count)
            .collectAsList()) {
      lines.add(
          new BatchLine(
              row.<Long>getAs("batch_id"),
              row.<Timestamp>getAs("ended_at").toInstant(),
              row.<Long>getAs("inputs"),
              row.<Long>getAs("events"),
              row.<Long>getAs("quarantined"),
              row.<Long>getAs("orders_changed"),
              row.<Long>getAs("duration_ms"),
              row.<Long>getAs("inputs_waiting"),
              row.<Long>getAs("oldest_input_age_ms"),
              new TreeMap<>(row.<String, Long>getJavaMap(row.fieldIndex("phase_ms")))));
    }
    return lines;
  }

  private Map<String, Long> quarantineByReason() {
    Map<String, Long> reasons = new TreeMap<>();
    spark
        .read()
        .format("delta")
        .load(locations.pathOf(QuarantineTable.NAME))
        .groupBy("reason")
        .count()
        .collectAsList()
        .forEach(row -> reasons.put(row.getString(0), row.getLong(1)));
    return reasons;
  }

  private TableState state(SparkSession session, TableDef def) {
    String path = locations.pathOf(def.name());
    Snapshot snapshot =
        DeltaLog.forTable(session, path).update(false, scala.Option.empty(), scala.Option.empty());
    // Delta answers a plain count from the files' statistics, without reading them.
    long rows = session.read().format("delta").load(path).count();
    Optional<Instant> compacted =
        DeltaTable.forPath(session, path)
            .history(HISTORY_SEARCHED)
            .where("operation = 'OPTIMIZE'")
            .select("timestamp")
            .orderBy(col("timestamp").desc())
            .limit(1)
            .collectAsList()
            .stream()
            .map(row -> row.getTimestamp(0).toInstant())
            .findFirst();
    return new TableState(
        def.name(),
        snapshot.version(),
        rows,
        snapshot.numOfFiles(),
        snapshot.sizeInBytes(),
        compacted.orElse(null));
  }
}
