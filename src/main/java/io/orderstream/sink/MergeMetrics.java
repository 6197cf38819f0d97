package io.orderstream.sink;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Rows a write changed, read from the metrics row Delta's MERGE returns. */
public record MergeMetrics(long inserted, long updated, long deleted) {
  public static final MergeMetrics NONE = new MergeMetrics(0, 0, 0);

  public long total() {
    return inserted + updated + deleted;
  }

  /** An empty result means Delta skipped the write as already done for this batch. */
  static MergeMetrics of(Dataset<Row> mergeResult) {
    List<Row> rows = mergeResult.collectAsList();
    if (rows.isEmpty()) {
      return NONE;
    }
    Row r = rows.get(0);
    return new MergeMetrics(
        valueOf(r, "num_inserted_rows"),
        valueOf(r, "num_updated_rows"),
        valueOf(r, "num_deleted_rows"));
  }

  private static long valueOf(Row row, String field) {
    int index = java.util.Arrays.asList(row.schema().fieldNames()).indexOf(field);
    return index < 0 || row.isNullAt(index) ? 0 : ((Number) row.get(index)).longValue();
  }
}
