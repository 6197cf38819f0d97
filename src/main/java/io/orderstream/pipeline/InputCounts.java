package io.orderstream.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.orderstream.event.DecodedRows;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Inputs, events and rejections of one batch, from one pass over its decoded rows: every input
 * yields at least one row (an event or a rejection), so its name is among the rows.
 *
 * @param rejectedByReason rejected documents per reason code, for the metrics
 * @param oldestArrival the earliest {@code arrived_at} of the batch's inputs; null when the source
 *     gave none
 */
record InputCounts(
    Set<String> inputs,
    long events,
    long rejected,
    Map<String, Long> rejectedByReason,
    Instant oldestArrival) {

  static InputCounts of(Dataset<Row> decoded) {
    List<Row> groups =
        decoded
            .groupBy(col("source"), col("kind"), col("reason"))
            .agg(functions.count(lit(1)).as("rows"), functions.min(col("arrived_at")))
            .collectAsList();
    Set<String> inputs = new HashSet<>();
    long events = 0;
    Map<String, Long> rejectedByReason = new TreeMap<>();
    Instant oldestArrival = null;
    for (Row group : groups) {
      inputs.add(group.getString(0));
      if (!group.isNullAt(4)) {
        Instant arrived = group.getTimestamp(4).toInstant();
        oldestArrival =
            oldestArrival == null || arrived.isBefore(oldestArrival) ? arrived : oldestArrival;
      }
      long rows = group.getLong(3);
      if (DecodedRows.KIND_EVENT.equals(group.getString(1))) {
        events += rows;
      } else if (DecodedRows.KIND_REJECTED.equals(group.getString(1))) {
        rejectedByReason.merge(group.getString(2), rows, Long::sum);
      }
    }
    long rejected = rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    return new InputCounts(inputs, events, rejected, rejectedByReason, oldestArrival);
  }

  long count() {
    return inputs.size();
  }
}
