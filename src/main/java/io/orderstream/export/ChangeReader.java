package io.orderstream.export;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.orderstream.sink.TableLocations;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what changed in one Delta table between two versions: the files the commits in between
 * wrote and removed, compared on the driver ({@link FileDiff}). A step that only catches up starts
 * no Spark session: Spark reads a table only when the database gets it whole.
 *
 * <p>The table is reloaded whole from the target version instead when the database holds nothing of
 * it, a newer version than the target (tables recreated), or a version older than the oldest
 * manifest kept (whose files {@code maintain} may have deleted), and when the older version cannot
 * be read the same way (a column the model added since); the log says so: correct, but costing what
 * the table costs.
 */
final class ChangeReader {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeReader.class);

  private final Supplier<SparkSession> spark;
  private final TableLocations locations;
  private final Map<String, Long> oldestKept;
  private final FileDiff diff;

  /**
   * @param spark asked for a session only when a table is reloaded
   * @param hadoop the file system settings the tables are read with
   * @param oldestKept each table's version in the oldest manifest kept: {@code maintain} may have
   *     deleted the files of older versions, so a database that holds an older version than this is
   *     reloaded instead
   */
  ChangeReader(
      Supplier<SparkSession> spark,
      TableLocations locations,
      Configuration hadoop,
      Map<String, Long> oldestKept) {
    this.spark = spark;
    this.locations = locations;
    this.oldestKept = oldestKept;
    this.diff = new FileDiff(DefaultEngine.create(hadoop));
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
      // The log may still name the files, but reading them would fail.
      LOG.warn(
          "Table {}: the database holds version {}, older than the oldest manifest kept ({}),"
              + " whose files maintain may have deleted; reloading it whole",
          table.name(),
          exported.get(),
          oldest);
      return reload(table, target);
    }
    return fromFiles(table, exported.get(), target).orElseGet(() -> reload(table, target));
  }

  /** Every row of the table at {@code version}, replacing what the database holds. */
  TableChanges reload(ExportedTable table, long version) {
    Dataset<Row> rows =
        spark
            .get()
            .read()
            .format("delta")
            .option("versionAsOf", version)
            .load(locations.pathOf(table.name()))
            .select(columns(table));
    return new TableChanges(
        table, TableChanges.Rows.of(rows), TableChanges.Rows.of(List.of()), true);
  }

  private Optional<TableChanges> fromFiles(ExportedTable table, long from, long to) {
    try {
      FileDiff.Changes changes = diff.between(table, locations.pathOf(table.name()), from, to);
      return Optional.of(
          new TableChanges(
              table,
              TableChanges.Rows.of(changes.upserts()),
              TableChanges.Rows.of(changes.deletes()),
              false));
    } catch (RuntimeException e) {
      LOG.warn(
          "Table {}: versions {} to {} cannot be compared file by file ({}); reloading it whole",
          table.name(),
          from,
          to,
          firstLine(e));
      return Optional.empty();
    }
  }

  private static Column[] columns(ExportedTable table) {
    return table.columnNames().stream()
        .map(org.apache.spark.sql.functions::col)
        .toArray(Column[]::new);
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    return message.lines().findFirst().orElse("");
  }
}
