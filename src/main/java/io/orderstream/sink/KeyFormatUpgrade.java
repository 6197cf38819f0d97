package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.orderstream.model.Keys;
import io.orderstream.model.OrderItemTable;
import io.orderstream.model.OrderPromotionTable;
import io.orderstream.model.TableDef;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a table written with key format 1 (ids joined with a bare ':') to the current format.
 *
 * <p>Every table is created with {@link Keys#FORMAT_PROPERTY}; a table without it was written by an
 * earlier release. Its text keys are recomputed in place from the columns each row already holds
 * (order id, item or promotion id, and the line's repeat number, which the old key ends with), in
 * one Delta UPDATE, then the property is set. Only rows whose ids hold ':' or '\' change: the key
 * of every other row is the same in both formats. Rows that format 1 gave one shared key get
 * distinct keys again. Nothing references these two keys, so no foreign key moves.
 *
 * <p>The UPDATE carries its own Delta transaction id, so a crash between it and the property leaves
 * a table whose next start skips the UPDATE and only sets the property.
 */
final class KeyFormatUpgrade {
  private static final Logger LOG = LoggerFactory.getLogger(KeyFormatUpgrade.class);
  private static final BatchTransaction ONCE =
      new BatchTransaction("orderstream-key-format-" + Keys.FORMAT, 0);

  private final SparkSession spark;

  KeyFormatUpgrade(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * Re-keys {@code table} at {@code path} when it predates the current format; no-op otherwise.
   *
   * @param stored the table's properties
   */
  void upgrade(TableDef table, String path, Map<String, String> stored) {
    Column newKey = newKey(table.name());
    if (newKey == null || Keys.FORMAT.equals(stored.get(Keys.FORMAT_PROPERTY))) {
      return;
    }
    DeltaTable delta = DeltaTable.forPath(spark, path);
    Column changed = col("id").notEqual(newKey);
    long rows = delta.toDF().where(changed).count();
    if (rows > 0) {
      ONCE.run(
          spark,
          () -> {
            delta.update(changed, Map.of("id", newKey));
            return null;
          });
      LOG.info("Re-keyed {} rows of {} to key format {}", rows, table.name(), Keys.FORMAT);
    }
    spark.sql(
        "ALTER TABLE delta.`"
            + path
            + "` SET TBLPROPERTIES ('"
            + Keys.FORMAT_PROPERTY
            + "' = '"
            + Keys.FORMAT
            + "')");
  }

  /**
   * The current key of a stored row of {@code table}, or null when its key format did not change.
   */
  private static Column newKey(String table) {
    return switch (table) {
      case OrderItemTable.NAME ->
          Keys.orderItemId(col("order_id"), col("item_id"), formatOneOccurrence());
      case OrderPromotionTable.NAME -> Keys.orderPromotionId(col("order_id"), col("promotion_id"));
      default -> null;
    };
  }

  /**
   * The line's repeat number held in a format 1 key, {@code order:item} (1) or {@code
   * order:item:n}; the row's own order and item ids say where the suffix starts.
   */
  private static Column formatOneOccurrence() {
    Column base = concat(col("order_id"), lit(":"), col("item_id"));
    Column suffix = col("id").substr(length(base).plus(1), lit(Integer.MAX_VALUE));
    return when(suffix.equalTo(""), lit(1))
        .otherwise(suffix.substr(lit(2), lit(Integer.MAX_VALUE)).cast("int"));
  }
}
