package io.orderstream.sink;

import io.orderstream.model.TableDef;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Delta keep per-file statistics on every column of a table, so data skipping works on the
 * lineage columns a batch's writes and lookups filter by ({@link TouchedRange}).
 *
 * <p>Delta, Spark's writer and Kernel's alike, records min/max statistics for a table's first 32
 * columns only. {@code order_item} has more, and its lineage instant comes after the 32nd: without
 * this setting every batch read every file of {@code order_item}, whatever the span, and at 500k
 * orders its write left the driver's path for a Spark MERGE that scanned the whole table.
 */
final class SkippingStatistics {
  /** Delta's setting: how many leading columns get statistics. */
  static final String PROPERTY = "delta.dataSkippingNumIndexedCols";

  /** Delta's default for {@link #PROPERTY}. */
  static final int DELTA_DEFAULT = 32;

  private static final Logger LOG = LoggerFactory.getLogger(SkippingStatistics.class);

  private SkippingStatistics() {}

  /** The property a new table is created with; none when Delta's default covers every column. */
  static Map<String, String> properties(TableDef table) {
    int columns = table.columns().size();
    return columns > DELTA_DEFAULT ? Map.of(PROPERTY, Integer.toString(columns)) : Map.of();
  }

  /**
   * Sets the property on a table created before it was set. Files written before keep the
   * statistics they were written with, so every batch still reads them, as it read every file
   * before; rows leave them as their orders change. Delta's {@code OPTIMIZE} would give them
   * statistics but packs them into one file that spans the whole history, which no span skips.
   *
   * @param stored the table's properties
   */
  static void upgrade(SparkSession spark, TableDef table, String path, Map<String, String> stored) {
    int columns = table.columns().size();
    if (columns <= DELTA_DEFAULT) {
      return;
    }
    String value = stored.get(PROPERTY);
    if (value != null && indexed(value) >= columns) {
      return;
    }
    spark.sql(
        "ALTER TABLE delta.`"
            + path
            + "` SET TBLPROPERTIES ('"
            + PROPERTY
            + "' = '"
            + columns
            + "')");
    LOG.info(
        "Statistics on all {} columns of {} from now on ({}); files written before keep theirs,"
            + " and every batch reads them as before",
        columns,
        table.name(),
        PROPERTY);
  }

  /** -1 (every column) counts as enough; a value Delta would refuse never reaches here. */
  private static int indexed(String value) {
    try {
      int n = Integer.parseInt(value.trim());
      return n < 0 ? Integer.MAX_VALUE : n;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
