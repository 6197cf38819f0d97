package io.orderstream.pipeline;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;

import io.orderstream.event.EventOrder;
import io.orderstream.event.EventSchema;
import io.orderstream.model.Lineage;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.Winners;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Finds the orders whose winning event a batch changes, and parses those events.
 *
 * <p>An order changes when the batch's best event for it ranks above the stored one, or when there
 * is none stored. One more case keeps replays exact: if the stored event is the same one and was
 * stored by this very batch, the batch is being replayed after a crash that came after {@code
 * order_event_latest} was written; the order still counts as changed so every table ends as the
 * first attempt would have left it. Exact duplicates arriving in a later batch change nothing.
 */
public final class ChangedOrders {
  private static final Map<String, String> JSON_OPTIONS =
      Map.of("timestampFormat", EventSchema.TIMESTAMP_PATTERN);

  /** What {@link #onDriver} collects of each event, {@code source} last. */
  private static final Column[] DRIVER_COLUMNS = {
    col("order_id"),
    col("updated_at"),
    col("updated_at_nanos"),
    col("version"),
    col("event_hash"),
    col("raw"),
    col("normalized"),
    col("source")
  };

  private ChangedOrders() {}

  /**
   * @param events decoded events of the batch (DecodedRows columns)
   * @param stored the order_event_latest table
   * @return one row per changed order
   */
  public static Winners of(Dataset<Row> events, Dataset<Row> stored, long batchId) {
    Dataset<Row> best =
        EventOrder.bestPerOrder(
            events.select(
                "order_id",
                "updated_at",
                "updated_at_nanos",
                "version",
                "event_hash",
                "raw",
                "normalized",
                "source"));
    Dataset<Row> storedKeys =
        stored.select(
            col("order_id").as("s_order_id"), col("updated_at").as("s_updated_at"),
            col(OrderEventLatestTable.UPDATED_AT_NANOS).as("s_updated_at_nanos"),
                col("version").as("s_version"),
            col("event_hash").as("s_event_hash"), col(Lineage.BATCH_ID).as("s_batch_id"));
    Dataset<Row> relevant =
        storedKeys.join(
            broadcast(best.select("order_id")),
            storedKeys.col("s_order_id").equalTo(col("order_id")),
            "left_semi");
    Dataset<Row> compared = best.join(relevant, col("order_id").equalTo(col("s_order_id")), "left");
    Column incoming = EventOrder.rankOf("");
    Column current = EventOrder.rankOf("s_");
    Column changed =
        col("s_order_id")
            .isNull()
            .or(incoming.gt(current))
            .or(incoming.equalTo(current).and(col("s_batch_id").equalTo(lit(batchId))));
    return parsed(compared.where(changed), col("s_updated_at"));
  }

  /**
   * {@link #of}, decided on the driver: the batch's events are collected (one Spark job), each
   * order's best is compared with its stored winner kept there, and the winners become a local
   * relation, so every table's derivation reads a few rows held in its plan instead of a join with
   * {@code order_event_latest}. Empty when the stored winners are not kept on the driver (the table
   * is too large); the caller then uses {@link #of}.
   *
   * <p>Two copies of one event rank equal; the one from the first input by name is kept, where
   * Spark's aggregation keeps either (only {@code source} differs, a run-specific column).
   */
  static Optional<Winners> onDriver(Dataset<Row> events, StoredWinners stored, long batchId) {
    Dataset<Row> selected = events.select(DRIVER_COLUMNS);
    Map<String, Row> best = new LinkedHashMap<>();
    for (Row event : selected.collectAsList()) {
      best.merge(event.getString(0), event, ChangedOrders::better);
    }
    Optional<Map<String, StoredWinners.Stored>> storedWinners = stored.of(best.keySet());
    if (storedWinners.isEmpty()) {
      return Optional.empty();
    }
    StructType schema = selected.schema().add("s_updated_at", DataTypes.TimestampType);
    List<Row> changed = new ArrayList<>();
    for (Row event : best.values()) {
      StoredWinners.Stored current = storedWinners.get().get(event.getString(0));
      int order = current == null ? 1 : rankOf(event).compareTo(current.rank());
      if (current == null || order > 0 || (order == 0 && current.batchId() == batchId)) {
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < event.size(); i++) {
          values[i] = event.get(i);
        }
        values[event.size()] = current == null ? null : current.updatedAt();
        changed.add(new GenericRowWithSchema(values, schema));
      }
    }
    return Optional.of(
        parsed(events.sparkSession().createDataFrame(changed, schema), col("s_updated_at")));
  }

  private static Row better(Row kept, Row candidate) {
    int order = rankOf(candidate).compareTo(rankOf(kept));
    int source = DRIVER_COLUMNS.length - 1;
    return order > 0
            || (order == 0
                && Comparator.nullsLast(Comparator.<String>naturalOrder())
                        .compare(candidate.getString(source), kept.getString(source))
                    < 0)
        ? candidate
        : kept;
  }

  private static EventOrder.Rank rankOf(Row event) {
    return EventOrder.Rank.of(event, "updated_at", "updated_at_nanos", "version", "event_hash");
  }

  /**
   * Decoded events ({@code event.DecodedRows} columns), one winner row each, parsed.
   *
   * @param storedUpdatedAt what {@link Winners#STORED_UPDATED_AT} gets
   */
  public static Winners parsed(Dataset<Row> events, Column storedUpdatedAt) {
    return Winners.of(
        events.select(
            col("order_id").as(Winners.ORDER_ID),
            col("updated_at").as(Winners.UPDATED_AT),
            col("updated_at_nanos").as(Winners.UPDATED_AT_NANOS),
            col("version").as(Winners.VERSION),
            col("event_hash").as(Winners.EVENT_HASH),
            col("raw").as(Winners.RAW),
            col("source").as(Winners.SOURCE),
            storedUpdatedAt.cast("timestamp").as(Winners.STORED_UPDATED_AT),
            from_json(col("normalized"), EventSchema.sparkType(), JSON_OPTIONS).as(Winners.EVENT)));
  }
}
