package io.orderstream.event;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which event wins (MODEL.md section 2): the greatest {@code (dat_atui, version)}, a missing
 * version lowest. Two different events with the same pair are ordered by their content hash, so the
 * winner never depends on arrival order; identical events are interchangeable.
 *
 * <p>{@code dat_atui} is compared at the precision the event gives, down to the nanosecond: Spark's
 * TIMESTAMP holds microseconds, so the nanoseconds below them travel beside it as {@code
 * updated_at_nanos} (0-999) and rank right after it. A null there (rows stored before the column
 * existed) ranks as 0.
 */
public final class EventOrder {
  private EventOrder() {}

  /** A comparable rank; a greater rank wins. */
  public static Column rank(
      Column updatedAt, Column updatedAtNanos, Column version, Column eventHash) {
    return struct(
        updatedAt.as("updated_at"),
        coalesce(updatedAtNanos, lit(0)).as("nanos"),
        coalesce(version, lit(Long.MIN_VALUE)).as("version"),
        eventHash.as("hash"));
  }

  /**
   * The rank of rows with columns {@code updated_at}, {@code updated_at_nanos}, {@code version},
   * {@code event_hash}.
   */
  public static Column rankOf(String prefix) {
    return rank(
        col(prefix + "updated_at"),
        col(prefix + "updated_at_nanos"),
        col(prefix + "version"),
        col(prefix + "event_hash"));
  }

  /**
   * The best event of each order among {@code events}: one row per order_id with the columns of the
   * best event.
   */
  public static Dataset<Row> bestPerOrder(Dataset<Row> events) {
    Column[] all =
        java.util.Arrays.stream(events.columns()).map(c -> col(c)).toArray(Column[]::new);
    return events
        .groupBy(col("order_id"))
        .agg(max_by(struct(all), rankOf("")).as("best"))
        .select(col("best.*"));
  }
}
