package io.orderstream.tools.baseline;

import io.orderstream.model.TableDef;
import io.orderstream.model.TableKind;
import io.orderstream.sink.DimensionWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Replaces a table's whole content with rows computed from every event: how the original design
 * wrote each batch. The pipeline never does this; the benchmark's baseline does, to compare.
 */
public final class OverwriteWriter {
  private OverwriteWriter() {}

  /** Dimension rows are first reduced to one per key, as the MERGE path does. */
  public static void overwrite(TableDef table, Dataset<Row> rows, String path) {
    Dataset<Row> kept =
        table.kind() == TableKind.DIMENSION ? DimensionWriter.onePerKey(table, rows) : rows;
    kept.write().format("delta").mode("overwrite").save(path);
  }
}
