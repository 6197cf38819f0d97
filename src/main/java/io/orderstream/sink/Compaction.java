package io.orderstream.sink;

import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.tables.DeltaTable;
import io.orderstream.error.Errors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * <p>A table whose writes keep rewriting its one small file (a small dimension, updated by most
 * batches) gives OPTIMIZE nothing to bin-pack, yet OPTIMIZE still plans and runs a third to half a
 * second of Spark jobs to find that out, which the next batch waits for. So the table's live files
 * are listed first, from its log with Delta Kernel, and OPTIMIZE runs only when it could find work
 * ({@link #couldCompact}).
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

  /** Delta's setting for the size under which OPTIMIZE bin-packs a file, and its default. */
  static final String MIN_FILE_SIZE_CONF = "spark.databricks.delta.optimize.minFileSize";

  private static final long DELTA_MIN_FILE_SIZE = 1L << 30;
  private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);

  private final TableLocations locations;
  private final int writesBetween;
  private final Map<String, Integer> writesSinceCompaction = new HashMap<>();
  private Engine engine;

  /** What {@link #couldCompact} needs of one live data file. */
  record LiveFile(Map<String, String> partition, long size, boolean deletionVector) {}

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

  /**
   * Compacts the table that is due, if any, unless its files give OPTIMIZE nothing to do; either
   * way its count starts again (a failed OPTIMIZE leaves it due).
   */
  public void runDue(SparkSession spark) {
    due()
        .ifPresent(
            table -> {
              long started = System.nanoTime();
              String path = locations.pathOf(table);
              Optional<List<LiveFile>> files = liveFiles(spark, path);
              long minFileSize = minFileSize(spark);
              if (files.isPresent() && !couldCompact(files.get(), minFileSize)) {
                writesSinceCompaction.remove(table);
                LOG.debug(
                    "{}: not compacted, its {} files leave OPTIMIZE nothing to bin-pack ({} ms)",
                    table,
                    files.get().size(),
                    (System.nanoTime() - started) / 1_000_000);
                return;
              }
              Row metrics =
                  DeltaTable.forPath(spark, path)
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

  /**
   * Whether OPTIMIZE's bin-packing could rewrite anything: it packs, per partition, the files under
   * {@code minFileSize} (and files with deleted rows) into bins, and rewrites a bin of two files or
   * more, or of one file with a deletion vector. So it has work when a partition holds two files
   * under the size, or when any file has a deletion vector (whether its deleted share passes
   * Delta's threshold is left to OPTIMIZE).
   */
  static boolean couldCompact(List<LiveFile> files, long minFileSize) {
    Map<Map<String, String>, Integer> smallByPartition = new HashMap<>();
    for (LiveFile file : files) {
      if (file.deletionVector()) {
        return true;
      }
      if (file.size() < minFileSize
          && smallByPartition.merge(file.partition(), 1, Integer::sum) > 1) {
        return true;
      }
    }
    return false;
  }

  /** The table's live files from its log; empty when they cannot be listed (OPTIMIZE decides). */
  private Optional<List<LiveFile>> liveFiles(SparkSession spark, String path) {
    if (engine == null) {
      engine = DefaultEngine.create(spark.sessionState().newHadoopConf());
    }
    List<LiveFile> files = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> batches =
        Table.forPath(engine, path)
            .getLatestSnapshot(engine)
            .getScanBuilder()
            .build()
            .getScanFiles(engine)) {
      while (batches.hasNext()) {
        try (CloseableIterator<io.delta.kernel.data.Row> rows = batches.next().getRows()) {
          rows.forEachRemaining(
              row ->
                  files.add(
                      new LiveFile(
                          InternalScanFileUtils.getPartitionValues(row),
                          InternalScanFileUtils.getAddFileStatus(row).getSize(),
                          InternalScanFileUtils.getDeletionVectorDescriptorFromRow(row) != null)));
        }
      }
      return Optional.of(files);
    } catch (IOException | RuntimeException e) {
      // Also what Kernel refuses to read (a newer protocol, a table feature): OPTIMIZE decides.
      LOG.debug("{}: files not listed before compacting ({})", path, e.toString());
      return Optional.empty();
    }
  }

  private static long minFileSize(SparkSession spark) {
    try {
      return Long.parseLong(
          spark.conf().get(MIN_FILE_SIZE_CONF, Long.toString(DELTA_MIN_FILE_SIZE)).trim());
    } catch (NumberFormatException e) {
      // Delta reports a malformed value itself when OPTIMIZE reads it.
      return Long.MAX_VALUE;
    }
  }
}
