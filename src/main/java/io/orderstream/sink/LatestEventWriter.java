package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.orderstream.event.EventOrder;
import io.orderstream.model.CollectedTables;
import io.orderstream.model.OrderEventLatestTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Stores each changed order's winning event; a stored event is replaced only by one that ranks
 * higher.
 */
final class LatestEventWriter {

  PreparedMerge prepare(CollectedTables.Rows rows) {
    return new PreparedMerge(OrderEventLatestTable.NAME, rows.rows(), rows.schema());
  }

  MergeMetrics apply(
      PreparedMerge prepared,
      TouchedRange range,
      String path,
      BatchTransaction txn,
      SparkSession session,
      DriverWrite driver) {
    Optional<MergeMetrics> small =
        driver.apply(OrderEventLatestTable.DEFINITION, path, txn, rule(prepared, range));
    if (small.isPresent()) {
      return small.get();
    }
    return txn.run(
        session,
        () ->
            MergeMetrics.of(
                DeltaTable.forPath(session, path)
                    .as("t")
                    .merge(
                        prepared.in(session).as("s"),
                        range
                            .covers("t." + OrderEventLatestTable.UPDATED_AT)
                            .and(col("t.order_id").equalTo(col("s.order_id"))))
                    .whenMatched(EventOrder.rankOf("s.").gt(EventOrder.rankOf("t.")))
                    .updateAll()
                    .whenNotMatched()
                    .insertAll()
                    .execute()));
  }

  /**
   * The MERGE above, row by row on the driver: a stored event goes only for one that ranks higher.
   */
  static DriverWrite.RowRule rule(PreparedMerge prepared, TouchedRange range) {
    Map<Object, Row> incoming = new LinkedHashMap<>();
    prepared
        .inTableOrder(OrderEventLatestTable.DEFINITION)
        .forEach(row -> incoming.put(row.getAs("order_id"), row));
    return new DriverWrite.RowRule(
        Optional.of(range.kernelFilter(OrderEventLatestTable.UPDATED_AT)),
        stored ->
            range.contains(stored.getAs(OrderEventLatestTable.UPDATED_AT))
                && incoming.containsKey(stored.getAs("order_id")),
        concerned ->
            DriverWrite.upsert(
                incoming,
                concerned,
                (source, target) -> rankOf(source).compareTo(rankOf(target)) > 0),
        Set.of(
            OrderEventLatestTable.UPDATED_AT,
            OrderEventLatestTable.UPDATED_AT_NANOS,
            OrderEventLatestTable.VERSION,
            OrderEventLatestTable.EVENT_HASH),
        Optional.of(incoming.keySet()));
  }

  private static EventOrder.Rank rankOf(Row row) {
    return EventOrder.Rank.of(
        row,
        OrderEventLatestTable.UPDATED_AT,
        OrderEventLatestTable.UPDATED_AT_NANOS,
        OrderEventLatestTable.VERSION,
        OrderEventLatestTable.EVENT_HASH);
  }
}
