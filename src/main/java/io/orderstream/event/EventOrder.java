package io.orderstream.event;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

import java.sql.Timestamp;
import java.util.Comparator;
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

  /**
   * The same rank as {@link #rank} for values on the driver: {@code updated_at}, its nanoseconds (a
   * null ranks as 0), the version (a null ranks lowest) and the content hash. A null instant or
   * hash ranks below any value, as Spark orders nulls in a struct.
   */
  public record Rank(Timestamp updatedAt, Integer nanos, Long version, String hash)
      implements Comparable<Rank> {
    private static final Comparator<Rank> ORDER =
        Comparator.comparing(Rank::updatedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(r -> r.nanos() == null ? 0 : r.nanos())
            .thenComparingLong(r -> r.version() == null ? Long.MIN_VALUE : r.version())
            .thenComparing(Rank::hash, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** The rank of a row with the four columns under the given names. */
    public static Rank of(
        Row row, String updatedAt, String updatedAtNanos, String version, String eventHash) {
      return new Rank(
          row.getAs(updatedAt),
          row.getAs(updatedAtNanos),
          row.getAs(version),
          row.getAs(eventHash));
    }

    @Override
    public int compareTo(Rank other) {
      return ORDER.compare(this, other);
    }
  }
}
