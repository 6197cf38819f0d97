package io.orderstream.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.orderstream.event.DecodedRows;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.sink.BatchTransaction;
import io.orderstream.sink.MergeMetrics;
import io.orderstream.sink.SessionPool;
import io.orderstream.sink.StarSchemaSink;
import io.orderstream.sink.TableLocations;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one micro-batch of input files: decode, quarantine what is unusable, find the orders
 * whose winning event changed, and write their rows to every table.
 *
 * <p>Everything a batch writes depends only on its files and on the tables' state, so replaying a
 * batch after a crash recomputes the same rows and Delta's per-batch transaction ids skip what was
 * already committed.
 */
public final class BatchProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

  private final TableLocations locations;
  private final String appId;
  private final StarSchemaSink sink;
  private final Consumer<BatchReport> listener;

  public BatchProcessor(TableLocations locations, String appId, SessionPool writers, Consumer<BatchReport> listener) {
    this.locations = locations;
    this.appId = appId;
    this.sink = new StarSchemaSink(locations, writers);
    this.listener = listener;
  }

  /** @param files columns {@code source}, {@code content}: one row per input file */
  public void process(Dataset<Row> files, Long batchId) {
    long started = System.nanoTime();
    BatchTransaction txn = new BatchTransaction(appId, batchId);
    Dataset<Row> decoded = DecodedRows.decode(files).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = decoded.agg(
              count_distinct(col("source")).as("files"),
              sum(when(col("kind").equalTo(DecodedRows.KIND_EVENT), 1).otherwise(0)).as("events"),
              sum(when(col("kind").equalTo(DecodedRows.KIND_REJECTED), 1).otherwise(0)).as("rejected"))
          .first();
      long fileCount = counts.getLong(0);
      long events = counts.isNullAt(1) ? 0 : counts.getLong(1);
      long rejected = counts.isNullAt(2) ? 0 : counts.getLong(2);
      if (rejected > 0) {
        sink.writeQuarantine(DecodedRows.rejected(decoded), txn);
      }
      Map<String, MergeMetrics> written = Map.of();
      long changed = 0;
      if (events > 0) {
        Dataset<Row> stored = files.sparkSession().read().format("delta").load(locations.pathOf(OrderEventLatestTable.NAME));
        Dataset<Row> winners = ChangedOrders.of(DecodedRows.events(decoded), stored, batchId).persist(StorageLevel.MEMORY_AND_DISK());
        try {
          changed = winners.count();
          if (changed > 0) {
            written = sink.writeOrders(winners, txn);
          }
        } finally {
          winners.unpersist();
        }
      }
      BatchReport report = new BatchReport(batchId, fileCount, events, rejected, changed, written, (System.nanoTime() - started) / 1_000_000);
      LOG.info(report.toLogLine());
      listener.accept(report);
    } finally {
      decoded.unpersist();
    }
  }
}
