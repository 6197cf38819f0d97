package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.orderstream.event.EventOrder;
import io.orderstream.model.OrderEventLatestTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Stores each changed order's winning event; a stored event is replaced only by one that ranks
 * higher.
 */
final class LatestEventWriter {

  PreparedMerge prepare(Dataset<Row> rows) {
    return PreparedMerge.of(OrderEventLatestTable.NAME, rows);
  }

  MergeMetrics apply(
      PreparedMerge prepared,
      TouchedRange range,
      String path,
      BatchTransaction txn,
      SparkSession session) {
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
}
