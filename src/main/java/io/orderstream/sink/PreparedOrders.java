package io.orderstream.sink;

import io.orderstream.model.TableDef;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Every table's rows for one batch's changed orders, derived and on the driver, not yet written.
 * Built by {@link StarSchemaSink#prepare}; only {@link StarSchemaSink#write} reads it.
 */
public final class PreparedOrders {
  private final Map<TableDef, PreparedMerge> tables;
  private final PreparedMerge latest;
  private final List<Object> changedOrders;
  private final TouchedRange range;
  private final SparkSession session;

  PreparedOrders(
      Map<TableDef, PreparedMerge> tables,
      PreparedMerge latest,
      List<Object> changedOrders,
      TouchedRange range,
      SparkSession session) {
    this.tables = tables;
    this.latest = latest;
    this.changedOrders = changedOrders;
    this.range = range;
    this.session = session;
  }

  /** How many orders the rows are for. */
  public int orders() {
    return changedOrders.size();
  }

  Map<TableDef, PreparedMerge> tables() {
    return tables;
  }

  PreparedMerge latest() {
    return latest;
  }

  List<Object> changedOrders() {
    return changedOrders;
  }

  TouchedRange range() {
    return range;
  }

  SparkSession session() {
    return session;
  }
}
