package io.orderstream.sink;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.orderstream.model.TableDef;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Makes the rows of each changed order equal to what its winning event says, in one commit.
 *
 * <p>The MERGE source is the new rows plus a delete marker for every stored row of those orders
 * that the new rows no longer contain (a line or shipment a newer event dropped). Only the changed
 * orders' rows are touched; other orders are never read beyond their keys.
 */
final class OrderScopedWriter {
  private static final String DELETE = "_delete";

  MergeMetrics write(TableDef table, Dataset<Row> rows, Dataset<Row> changedOrderIds, String path, BatchTransaction txn) {
    var spark = rows.sparkSession();
    String key = table.key();
    Dataset<Row> stored = spark.read().format("delta").load(path).select(col(key), col("order_id"));
    Dataset<Row> storedOfChanged = stored.join(broadcast(changedOrderIds), stored.col("order_id").equalTo(changedOrderIds.col("order_id")), "left_semi");
    Dataset<Row> dropped = storedOfChanged.select(col(key)).join(rows.select(col(key)), key, "left_anti");
    Dataset<Row> source =
        rows.withColumn(DELETE, lit(false))
            .unionByName(dropped.withColumn(DELETE, lit(true)), true);
    return txn.run(spark, () -> MergeMetrics.of(
        DeltaTable.forPath(spark, path).as("t")
            .merge(source.as("s"), col("t." + key).equalTo(col("s." + key)))
            .whenMatched(col("s." + DELETE)).delete()
            .whenMatched().update(assignments(table))
            .whenNotMatched(col("s." + DELETE).equalTo(false)).insert(assignments(table))
            .execute()));
  }

  private static Map<String, Column> assignments(TableDef table) {
    Map<String, Column> set = new LinkedHashMap<>();
    table.columnNames().forEach(name -> set.put(name, col("s." + name)));
    return set;
  }
}
