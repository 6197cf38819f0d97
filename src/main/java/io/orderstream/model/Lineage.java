package io.orderstream.model;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/**
 * Lineage columns every derived table carries: which event a row came from and which micro-batch
 * wrote it. The first four also order competing values: a dimension row is replaced only by one
 * from a later event.
 */
public final class Lineage {
  public static final String UPDATED_AT = "lineage_updated_at";
  public static final String UPDATED_AT_NANOS = "lineage_updated_at_nanos";
  public static final String VERSION = "lineage_version";
  public static final String EVENT_HASH = "lineage_event_hash";
  public static final String BATCH_ID = "lineage_batch_id";

  /** False for a dimension row known only as a reference (an id with no attributes yet). */
  public static final String COMPLETE = "lineage_complete";

  private Lineage() {}

  /** Lineage of rows derived from an order's winning event. */
  public static List<ColumnDef> eventColumns() {
    return List.of(
        new ColumnDef(
            UPDATED_AT,
            DataTypes.TimestampType,
            "dat_atui of the event this row was taken from",
            "dat_atui",
            col(UPDATED_AT)),
        new ColumnDef(
            UPDATED_AT_NANOS,
            DataTypes.IntegerType,
            "nanoseconds of that dat_atui below lineage_updated_at's microsecond (0-999); null for rows written before the column existed, ranked as 0",
            "dat_atui",
            col(UPDATED_AT_NANOS)),
        new ColumnDef(
            VERSION,
            DataTypes.LongType,
            "version of the event this row was taken from",
            "num_ulti_vers_sist",
            col(VERSION)),
        new ColumnDef(
            EVENT_HASH,
            DataTypes.StringType,
            "content hash of that event; breaks exact ties",
            "",
            col(EVENT_HASH)),
        new ColumnDef(
            BATCH_ID,
            DataTypes.LongType,
            "streaming micro-batch that wrote this row",
            "",
            col(BATCH_ID)));
  }

  /** Lineage of dimension rows, which may start as bare references. */
  public static List<ColumnDef> dimensionColumns() {
    return concat(
        eventColumns(),
        new ColumnDef(
            COMPLETE,
            DataTypes.BooleanType,
            "false while the row is only a referenced id with no attributes yet",
            "",
            col(COMPLETE)));
  }

  static List<ColumnDef> concat(List<ColumnDef> head, ColumnDef... tail) {
    var all = new java.util.ArrayList<>(head);
    all.addAll(List.of(tail));
    return List.copyOf(all);
  }
}
