package io.orderstream.model;

import static io.orderstream.model.Cols.COUNT;
import static io.orderstream.model.Cols.INSTANT;
import static io.orderstream.model.Cols.NANOS;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.rpad;

import io.orderstream.event.EventSchema;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The winning event of every order, raw: nothing of an event is lost, unknown fields included. Its
 * ordering columns decide whether a new event wins (see {@code event.EventOrder}).
 */
public final class OrderEventLatestTable {
  public static final String NAME = "order_event_latest";
  public static final String UPDATED_AT = "updated_at";
  public static final String UPDATED_AT_NANOS = "updated_at_nanos";
  public static final String VERSION = "version";
  public static final String EVENT_HASH = "event_hash";

  public static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "One row per order: its winning event, the greatest (dat_atui, version), kept raw.",
          TableKind.LATEST_EVENT,
          "order_id",
          List.of(
              derived(
                  "order_id", TEXT, "order id", "txt_detl_idt_pedi_pgto", col(Winners.ORDER_ID)),
              derived(
                  UPDATED_AT,
                  INSTANT,
                  "dat_atui of the winning event, to the microsecond",
                  "dat_atui",
                  col(Winners.UPDATED_AT)),
              derived(
                      UPDATED_AT_NANOS,
                      NANOS,
                      "nanoseconds of dat_atui below updated_at's microsecond (0-999); ranks right after updated_at",
                      "dat_atui",
                      col(Winners.UPDATED_AT_NANOS))
                  .withBackfill(nanosOfRawEvent()),
              derived(
                  VERSION,
                  COUNT,
                  "version of the winning event; null when the event had none",
                  "num_ulti_vers_sist",
                  col(Winners.VERSION)),
              derived(
                  EVENT_HASH,
                  TEXT,
                  "content hash of the winning event; last tie-breaker",
                  "",
                  col(Winners.EVENT_HASH)),
              derived(
                  "raw_event",
                  TEXT,
                  "the winning event's JSON exactly as it arrived",
                  "",
                  col(Winners.RAW)),
              derived(
                  "source",
                  TEXT,
                  "file (and line, for JSON Lines) it came from",
                  "",
                  col(Winners.SOURCE)),
              derived(
                  Lineage.BATCH_ID,
                  COUNT,
                  "streaming micro-batch that wrote this row",
                  "",
                  col(Lineage.BATCH_ID))),
          List.of());

  private OrderEventLatestTable() {}

  /**
   * The nanoseconds below the microsecond of the stored raw event's {@code dat_atui}: its 7th to
   * 9th fraction digits (an offset shifts whole minutes only). 0 when it has fewer digits.
   */
  private static Column nanosOfRawEvent() {
    Column fraction =
        regexp_extract(
            get_json_object(col("raw_event"), "$." + EventSchema.UPDATED_AT),
            "^[^.]*\\.([0-9]+)",
            1);
    return coalesce(rpad(fraction, 9, "0").substr(7, 3).cast("int"), lit(0));
  }

  /** The winning events of the batch's changed orders. */
  static Dataset<Row> rows(Winners winners, long batchId) {
    return winners.rows().withColumn(Lineage.BATCH_ID, lit(batchId)).select(DEFINITION.selection());
  }
}
