package io.orderstream.model;

import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;

import java.util.List;

/**
 * One row per status period of an order line, in event time (see {@link StatusHistory}). No foreign
 * key to {@code order_item}: a line a newer event dropped keeps its closed history.
 */
public final class OrderItemStatusHistoryTable {
  public static final String NAME = "order_item_status_history";

  public static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "One row per period an order line spent in one status, by dat_atui; recomputed from the order's stored events whenever one is new.",
          TableKind.STATUS_HISTORY,
          "id",
          StatusHistoryColumns.after(
              "the line's status during the period, as order_item.item_status (equal to it for the current one)",
              "list_item_envo[].stat_entg, else stat_pedi",
              "end of the period: the next period's valid_from, or the instant of the event that no longer has the line; null for the current one",
              derived(
                  "id",
                  TEXT,
                  "order_item_id, ':', valid_from in microseconds since 1970-01-01 UTC",
                  "order_item id + ':' + dat_atui",
                  concat(
                      col("order_item_id"),
                      lit(":"),
                      unix_micros(col(StatusHistoryColumns.VALID_FROM)).cast("string"))),
              derived(
                  "order_item_id",
                  TEXT,
                  "the line, as order_item.id (not a foreign key: a dropped line keeps its history)",
                  "as order_item.id",
                  col("order_item_id")),
              derived("order_id", TEXT, "order id", "txt_detl_idt_pedi_pgto", col("order_id")),
              derived("item_id", TEXT, "item of the line", "cod_vrne_prod", col("item_id"))),
          List.of());

  private OrderItemStatusHistoryTable() {}
}
