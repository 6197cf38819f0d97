package io.orderstream.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.orderstream.sink.TableLocations;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what changed in one Delta table between two versions from its change data feed, reduced to
 * the last change of each key: its newest insert or update post-image is upserted, a key whose
 * newest change is a delete is deleted. Pre-images are ignored. When a key is deleted and inserted
 * in the same commit (a rewrite), the insert wins: the row exists after that commit.
 *
 * <p>Without a feed for the range (versions written before the feed was turned on, log entries
 * already cleaned up, or versions older than the oldest manifest kept, whose files {@code maintain}
 * may have deleted) the table is reloaded whole from the target version instead, and the log says
 * so: correct, but costing what the table costs.
 */
final class ChangeReader {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeReader.class);
  private static final String CHANGE_TYPE = "_change_type";
  private static final String COMMIT_VERSION = "_commit_version";

  private final SparkSession spark;
  private final TableLocations locations;
  private final Map<String, Long> oldestKept;

  /**
   * @param oldestKept each table's version in the oldest manifest kept: {@code maintain} may have
   *     deleted the files that the change feed of older versions reads, so a database that holds an
   *     older version than this is reloaded instead of read from the feed
   */
  ChangeReader(SparkSession spark, TableLocations locations, Map<String, Long> oldestKept) {
    this.spark = spark;
    this.locations = locations;
    this.oldestKept = oldestKept;
  }

  /**
   * The changes that take the table from {@code exported} to {@code target}.
   *
   * @param exported the version the database holds, empty when it holds nothing of the table
   */
  TableChanges changes(ExportedTable table, Optional<Long> exported, long target) {
    if (exported.isEmpty()) {
      return reload(table, target);
    }
    if (exported.get() > target) {
      LOG.warn(
          "Table {}: the database holds version {}, newer than the manifest's {} (were the tables"
              + " recreated?); reloading it whole",
          table.name(),
          exported.get(),
          target);
      return reload(table, target);
    }
    long oldest = oldestKept.getOrDefault(table.name(), 0L);
    if (exported.get() < oldest) {
      // Planning would not notice: the log still names the files, reading them would fail.
      LOG.warn(
          "Table {}: the database holds version {}, older than the oldest manifest kept ({}),"
              + " whose change feed maintain may have deleted; reloading it whole",
          table.name(),
          exported.get(),
          oldest);
      return reload(table, target);
    }
    return fromChangeFeed(table, exported.get() + 1, target).orElseGet(() -> reload(table, target));
  }

  /** Every row of the table at {@code version}, replacing what the database holds. */
  TableChanges reload(ExportedTable table, long version) {
    Dataset<Row> rows =
        spark
            .read()
            .format("delta")
            .option("versionAsOf", version)
            .load(locations.pathOf(table.name()))
            .select(columns(table));
    return new TableChanges(table, rows, rows.limit(0).select(table.key()), true);
  }

  private Optional<TableChanges> fromChangeFeed(ExportedTable table, long from, long to) {
    try {
      Dataset<Row> feed =
          spark
              .read()
              .format("delta")
              .option("readChangeFeed", "true")
              .option("startingVersion", from)
              .option("endingVersion", to)
              .load(locations.pathOf(table.name()))
              .where(col(CHANGE_TYPE).isin("insert", "update_postimage", "delete"));
      Column deleted = col(CHANGE_TYPE).equalTo("delete");
      Dataset<Row> last =
          feed.withColumn(
                  "_rank",
                  row_number()
                      .over(
                          Window.partitionBy(table.key())
                              .orderBy(
                                  col(COMMIT_VERSION).desc(),
                                  when(deleted, lit(1)).otherwise(lit(0)))))
              .where(col("_rank").equalTo(1));
      // Planning reads the log: a range without a feed fails here rather than inside the
      // transaction.
      last.queryExecution().executedPlan();
      return Optional.of(
          new TableChanges(
              table,
              last.where(deleted.unary_$bang()).select(columns(table)),
              last.where(deleted).select(table.key()),
              false));
    } catch (Exception e) {
      LOG.warn(
          "Table {}: no change data feed for versions {} to {} ({}); reloading it whole",
          table.name(),
          from,
          to,
          firstLine(e.getMessage()));
      return Optional.empty();
    }
  }

  private static Column[] columns(ExportedTable table) {
    return table.columnNames().stream()
        .map(org.apache.spark.sql.functions::col)
        .toArray(Column[]::new);
  }

  private static String firstLine(String message) {
    return message == null ? "no detail" : message.lines().findFirst().orElse("");
  }
}
