package io.orderstream.model;

import static io.orderstream.model.Cols.COUNT;
import static io.orderstream.model.Cols.INSTANT;
import static io.orderstream.model.Cols.NANOS;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Every distinct valid event, raw, stored once: what {@code rebuild} derives every table from, and
 * what an order's status history is recomputed from.
 *
 * <p>Appended batch by batch, so each file holds the events of a few minutes of arrivals and its
 * statistics on {@link #UPDATED_AT} are narrow; an order's events are read within the span of its
 * first and last event, which skips every file outside it (see {@code pipeline.EventHistory}).
 */
public final class OrderEventTable {
  public static final String NAME = "order_event";
  public static final String ID = "id";
  public static final String ORDER_ID = "order_id";
  public static final String UPDATED_AT = "updated_at";
  public static final String UPDATED_AT_NANOS = "updated_at_nanos";
  public static final String VERSION = "version";
  public static final String EVENT_HASH = "event_hash";
  public static final String RAW_EVENT = "raw_event";
  public static final String SOURCE = "source";

  public static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "Every distinct valid event, raw, stored once: the input of rebuild and of the status histories.",
          TableKind.EVENT_LOG,
          ID,
          List.of(
              derived(
                  ID,
                  TEXT,
                  "order id (backslash and ':' escaped by a backslash), ':', content hash",
                  "escaped txt_detl_idt_pedi_pgto + ':' + event_hash",
                  idOf(col(ORDER_ID), col(EVENT_HASH))),
              derived(ORDER_ID, TEXT, "order id", "txt_detl_idt_pedi_pgto", col(ORDER_ID)),
              derived(
                  UPDATED_AT,
                  INSTANT,
                  "dat_atui of the event, to the microsecond",
                  "dat_atui",
                  col(UPDATED_AT)),
              derived(
                  UPDATED_AT_NANOS,
                  NANOS,
                  "nanoseconds of dat_atui below updated_at's microsecond (0-999)",
                  "dat_atui",
                  col(UPDATED_AT_NANOS)),
              derived(
                  VERSION,
                  COUNT,
                  "version of the event; null when it had none",
                  "num_ulti_vers_sist",
                  col(VERSION)),
              derived(
                  EVENT_HASH,
                  TEXT,
                  "content hash of the event: two events with the same hash are the same event",
                  "",
                  col(EVENT_HASH)),
              derived(RAW_EVENT, TEXT, "the event's JSON exactly as it arrived", "", col("raw")),
              derived(
                  SOURCE,
                  TEXT,
                  "file (and line, for JSON Lines) it first came from",
                  "",
                  col(SOURCE)),
              derived(
                  Lineage.BATCH_ID,
                  COUNT,
                  "streaming micro-batch that stored the event",
                  "",
                  col(Lineage.BATCH_ID))),
          List.of());

  private OrderEventTable() {}

  /** The key of an order's event: the order id escaped, ':', the content hash. */
  public static Column idOf(Column orderId, Column eventHash) {
    return concat(Keys.escaped(orderId), lit(":"), eventHash);
  }
}
