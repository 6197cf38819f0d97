package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.orderstream.event.EventOrder;
import io.orderstream.model.OrderEventLatestTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Stores each changed order's winning event; a stored event is replaced only by one that ranks higher. */
final class LatestEventWriter {

  MergeMetrics write(Dataset<Row> rows, String path, BatchTransaction txn) {
    var spark = rows.sparkSession();
    return txn.run(spark, () -> MergeMetrics.of(
        DeltaTable.forPath(spark, path).as("t")
            .merge(rows.as("s"), col("t.order_id").equalTo(col("s.order_id")))
            .whenMatched(EventOrder.rankOf("s.").gt(EventOrder.rankOf("t."))).updateAll()
            .whenNotMatched().insertAll()
            .execute()));
  }

}
