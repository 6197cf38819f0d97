package io.orderstream.export;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one table's step applies: rows to upsert (exactly the exported columns), keys to delete (one
 * column), and whether the table is replaced whole ({@code reload}: delete every row first).
 */
record TableChanges(
    ExportedTable table, Dataset<Row> upserts, Dataset<Row> deletes, boolean reload) {}
