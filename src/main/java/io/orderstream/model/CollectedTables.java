package io.orderstream.model;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Every table's rows for one batch's changed orders, on the driver: what {@link
 * TableDerivation#collect} brings back from its one Spark job.
 *
 * @param tables each derived table's rows in write order, {@code order_event_latest} last;
 *     dimensions may repeat keys, as {@link DerivedTable#rows} does
 * @param orders one entry per changed order
 */
public record CollectedTables(Map<TableDef, Rows> tables, List<ChangedOrder> orders) {

  /** One table's rows and the columns they have, in the order the derivation gives them. */
  public record Rows(List<Row> rows, StructType schema) {}

  /**
   * A changed order and where its rows can be: between its stored winner's instant (null for an
   * order the tables do not hold) and its new winner's.
   */
  public record ChangedOrder(String orderId, Timestamp updatedAt, Timestamp storedUpdatedAt) {}
}
