package io.orderstream.sink;

import io.delta.kernel.expressions.AlwaysFalse;
import io.orderstream.model.OrderEventTable;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * Appends a batch's new events to {@code order_event}. Which events are new was decided before (see
 * {@code pipeline.EventHistory}); the batch's transaction id keeps a replay from appending them
 * twice.
 */
final class EventLogWriter {

  MergeMetrics apply(
      PreparedMerge events,
      String path,
      BatchTransaction txn,
      SparkSession session,
      DriverWrite driver) {
    if (events.isEmpty()) {
      return MergeMetrics.NONE;
    }
    Optional<MergeMetrics> small =
        driver.apply(OrderEventTable.DEFINITION, path, txn, appendOnly(events));
    if (small.isPresent()) {
      return small.get();
    }
    return txn.run(
        session,
        () -> {
          events.in(session).write().format("delta").mode("append").save(path);
          return new MergeMetrics(events.rows().size(), 0, 0);
        });
  }

  /** A rule that reads no stored file and adds every row. */
  private static DriverWrite.RowRule appendOnly(PreparedMerge events) {
    var rows = events.inTableOrder(OrderEventTable.DEFINITION);
    return new DriverWrite.RowRule(
        Optional.of(AlwaysFalse.ALWAYS_FALSE),
        stored -> false,
        concerned -> new DriverWrite.Plan(Set.of(), rows, new MergeMetrics(rows.size(), 0, 0)),
        Set.of());
  }
}
