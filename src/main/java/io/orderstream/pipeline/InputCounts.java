package io.orderstream.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.orderstream.event.DecodedRows;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Inputs, events and rejections of one batch, from one pass over its decoded rows: every input
 * yields at least one row (an event or a rejection), so its name is among the rows.
 */
record InputCounts(Set<String> inputs, long events, long rejected) {

  static InputCounts of(Dataset<Row> decoded) {
    List<Row> perFile =
        decoded
            .groupBy(col("source"))
            .agg(
                sum(when(col("kind").equalTo(DecodedRows.KIND_EVENT), 1).otherwise(0)).as("events"),
                sum(when(col("kind").equalTo(DecodedRows.KIND_REJECTED), 1).otherwise(0))
                    .as("rejected"))
            .collectAsList();
    return new InputCounts(
        perFile.stream().map(r -> r.getString(0)).collect(Collectors.toSet()),
        perFile.stream().mapToLong(r -> r.getLong(1)).sum(),
        perFile.stream().mapToLong(r -> r.getLong(2)).sum());
  }

  long count() {
    return inputs.size();
  }
}
