package io.orderstream.sink;

import io.orderstream.model.TableDef;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * The rows one table write needs, computed and brought to the driver before the write starts.
 *
 * <p>A micro-batch's rows are bounded by {@code max-files-per-trigger}, so they fit the driver. A
 * MERGE whose source is a small local relation plans and runs far faster than one whose source is
 * the batch's whole derivation plan, and it can run in another session (thread) without sharing
 * cached plans between sessions.
 */
record PreparedMerge(String table, List<Row> rows, StructType schema) {

  boolean isEmpty() {
    return rows.isEmpty();
  }

  Dataset<Row> in(SparkSession session) {
    return session.createDataFrame(rows, schema);
  }

  /** The rows with the table's columns in the table's order, as a stored row has them. */
  List<Row> inTableOrder(TableDef table) {
    StructType target = table.schema();
    int[] from = table.columnNames().stream().mapToInt(schema::fieldIndex).toArray();
    return rows.stream()
        .map(
            row -> {
              Object[] values = new Object[from.length];
              for (int c = 0; c < from.length; c++) {
                values[c] = row.get(from[c]);
              }
              return (Row) new GenericRowWithSchema(values, target);
            })
        .toList();
  }
}
