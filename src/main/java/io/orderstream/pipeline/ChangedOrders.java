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
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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
