package io.orderstream.sink;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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

  static PreparedMerge of(String table, Dataset<Row> rows) {
    return new PreparedMerge(table, rows.collectAsList(), rows.schema());
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  Dataset<Row> in(SparkSession session) {
    return session.createDataFrame(rows, schema);
  }
}
