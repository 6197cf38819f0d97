package io.orderstream.model;

import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;

import java.util.List;

/** One row per status period of an order, in event time (see {@link StatusHistory}). */
public final class OrderStatusHistoryTable {
  public static final String NAME = "order_status_history";

  public static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "One row per period an order spent in one status, by dat_atui; recomputed from the order's stored events whenever one is new.",
          TableKind.STATUS_HISTORY,
          "id",
          StatusHistoryColumns.after(
              "the order's status during the period (equals order_item.order_status for the current one)",
              "stat_pedi",
              "end of the period: the next period's valid_from; null for the current one",
              derived(
                  "id",
                  TEXT,
                  "order id (backslash and ':' escaped by a backslash), ':', valid_from in microseconds since 1970-01-01 UTC",
                  "escaped txt_detl_idt_pedi_pgto + ':' + dat_atui",
                  concat(
                      Keys.escaped(col("order_id")),
                      lit(":"),
                      unix_micros(col(StatusHistoryColumns.VALID_FROM)).cast("string"))),
              derived("order_id", TEXT, "order id", "txt_detl_idt_pedi_pgto", col("order_id"))),
          List.of());

  private OrderStatusHistoryTable() {}
}
