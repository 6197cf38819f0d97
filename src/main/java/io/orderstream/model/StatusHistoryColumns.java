package io.orderstream.model;

import static io.orderstream.model.Cols.INSTANT;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;

/** The columns both status-history tables share, after their own: the period and its lineage. */
final class StatusHistoryColumns {
  static final String STATUS = "status";
  static final String VALID_FROM = "valid_from";
  static final String VALID_TO = "valid_to";

  /**
   * The instant of the order's newest stored event, on every row of the order. The order's rows are
   * found by it, as the other order tables' rows are by their lineage (see {@code
   * sink.TouchedRange}): an order's stored rows all carry the dat_atui of its stored winner.
   */
  static final String ORDER_UPDATED_AT = "order_updated_at";

  static final String SOURCE = "source";

  private StatusHistoryColumns() {}

  /** {@code own} followed by the shared columns. */
  static List<ColumnDef> after(
      String statusComment, String statusSource, String validToComment, ColumnDef... own) {
    List<ColumnDef> all = new ArrayList<>(List.of(own));
    all.add(derived(STATUS, TEXT, statusComment, statusSource, col(STATUS)));
    all.add(
        derived(
            VALID_FROM,
            INSTANT,
            "start of the period: dat_atui of the event that set the status",
            "dat_atui",
            col(VALID_FROM)));
    all.add(derived(VALID_TO, INSTANT, validToComment, "dat_atui", col(VALID_TO)));
    all.add(
        derived(
            ORDER_UPDATED_AT,
            INSTANT,
            "dat_atui of the order's newest event (its winner's)",
            "dat_atui",
            col(ORDER_UPDATED_AT)));
    all.add(
        derived(
            SOURCE,
            TEXT,
            "file (and line, for JSON Lines) the setting event came from",
            "",
            col(SOURCE)));
    all.addAll(Lineage.eventColumns());
    return all;
  }
}
