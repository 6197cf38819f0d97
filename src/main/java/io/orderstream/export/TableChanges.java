package io.orderstream.export;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one table's step applies: rows to upsert (exactly the exported columns), keys to delete (one
 * column), and whether the table is replaced whole ({@code reload}: delete every row first).
 */
record TableChanges(ExportedTable table, Rows upserts, Rows deletes, boolean reload) {
  /** Rows read once, when the writer gets to them: a reload streams from Spark. */
  @FunctionalInterface
  interface Rows {
    Iterator<Row> open();

    static Rows of(List<Row> rows) {
      return rows::iterator;
    }

    static Rows of(Dataset<Row> rows) {
      return rows::toLocalIterator;
    }
  }
}
