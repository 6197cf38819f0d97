package io.orderstream.sink;

import io.delta.tables.DeltaTable;
import io.orderstream.error.Errors;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tables from piling up small files: every batch adds a few files to each table it
 * writes, and left alone thousands of them would slow every later read and MERGE.
 *
 * <p>After a table has been written {@value #WRITES_BETWEEN} times, the next batch compacts it
 * (Delta OPTIMIZE, bin-packing the files under {@code
 * spark.databricks.delta.optimize.minFileSize}). At most one table is compacted per batch and only
 * after the batch is committed, so its cost is spread over batches and never delays the rows it
 * follows. Compaction rewrites small, recent files only; files that reached the minimum size are
 * never read again by it, so its cost does not grow with the history. Counts live in memory: after
 * a restart a table waits for another {@value #WRITES_BETWEEN} writes, which only delays
 * compaction.
 *
 * <p>Delta does the rest of the upkeep itself: a log checkpoint every 20 commits (a table property
 * set at creation) and removal of log entries older than its log retention (30 days). Files
 * replaced by rewrites stay on disk until {@code VACUUM}, which stays a scheduled operations task:
 * readers pinned to an older version may still need them.
 */
public final class Compaction {
  /**
   * Spark setting that overrides {@value #WRITES_BETWEEN}, e.g. {@code run --conf
   * spark.orderstream.compaction.writes=100}.
   */
  public static final String WRITES_CONF = "spark.orderstream.compaction.writes";

  static final int WRITES_BETWEEN = 25;
  private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);

  private final TableLocations locations;
  private final int writesBetween;
  private final Map<String, Integer> writesSinceCompaction = new HashMap<>();

  public Compaction(TableLocations locations, int writesBetween) {
    this.locations = locations;
    this.writesBetween = writesBetween;
  }

  /** With the threshold from the session's {@value #WRITES_CONF}, else {@value #WRITES_BETWEEN}. */
  public static Compaction forSession(SparkSession spark, TableLocations locations) {
    String value = spark.conf().get(WRITES_CONF, Integer.toString(WRITES_BETWEEN));
    try {
      int writes = Integer.parseInt(value.trim());
      if (writes >= 1) {
        return new Compaction(locations, writes);
      }
    } catch (NumberFormatException e) {
      // reported below, as for a number out of range
    }
    throw Errors.invalidSetting(WRITES_CONF, value, "a whole number of writes, 1 or more");
  }

  /** Counts one write for each table a batch changed. */
  public void recordWrites(Map<String, MergeMetrics> written) {
    written.forEach(
        (table, metrics) -> {
          if (metrics.total() > 0) {
            writesSinceCompaction.merge(table, 1, Integer::sum);
          }
        });
  }

  /** The table written most often since its last compaction, once that reaches the threshold. */
  Optional<String> due() {
    return writesSinceCompaction.entrySet().stream()
        .filter(e -> e.getValue() >= writesBetween)
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey);
  }

  /** Compacts the table that is due, if any. */
  public void runDue(SparkSession spark) {
    due()
        .ifPresent(
            table -> {
              long started = System.nanoTime();
              Row metrics =
                  DeltaTable.forPath(spark, locations.pathOf(table))
                      .optimize()
                      .executeCompaction()
                      .first()
                      .getAs("metrics");
              writesSinceCompaction.remove(table);
              LOG.info(
                  "compacted {}: {} files into {} in {} ms",
                  table,
                  metrics.getAs("numFilesRemoved"),
                  metrics.getAs("numFilesAdded"),
                  (System.nanoTime() - started) / 1_000_000);
            });
  }
}
