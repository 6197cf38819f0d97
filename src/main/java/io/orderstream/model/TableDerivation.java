package io.orderstream.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Derives every table's rows from a batch's {@link Winners}: the nine derived tables in write
 * order, then {@code order_event_latest}. What the rows become (merged, overwritten) is the
 * caller's: the model derives, the sink writes.
 */
public final class TableDerivation {
  private TableDerivation() {}

  /**
   * Hands each table's rows to {@code take} while the order context they are projected from is
   * cached, and frees it after the last table: {@code take} must be done with the rows (collected
   * or written) when it returns.
   *
   * @param batchId the micro-batch writing the rows, recorded as lineage
   * @param personalData what the rows get in their personal columns
   * @return what {@code take} gave for each table, in write order, {@code order_event_latest} last
   */
  public static <T> Map<TableDef, T> derive(
      Winners winners,
      long batchId,
      PersonalDataMask personalData,
      BiFunction<TableDef, Dataset<Row>, T> take) {
    Map<TableDef, T> taken = new LinkedHashMap<>();
    OrderContext context = new OrderContext(winners, batchId, personalData);
    try {
      for (DerivedTable table : Tables.DERIVED) {
        taken.put(table.definition(), take.apply(table.definition(), table.rows(context)));
      }
    } finally {
      context.release();
    }
    taken.put(
        OrderEventLatestTable.DEFINITION,
        take.apply(OrderEventLatestTable.DEFINITION, OrderEventLatestTable.rows(winners, batchId)));
    return taken;
  }
}
