package io.orderstream.tools.baseline;

import io.orderstream.event.DecodedRows;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.PersonalDataMask;
import io.orderstream.model.TableDerivation;
import io.orderstream.model.Winners;
import io.orderstream.pipeline.BatchProcessor;
import io.orderstream.pipeline.ChangedOrders;
import io.orderstream.sink.TableLocations;
import io.orderstream.source.InputRows;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The original design's batch, kept only as the benchmark's baseline: append the batch's files to
 * an event store, then decode every stored event, pick every order's winner and overwrite every
 * table. Its cost follows the history, where {@link BatchProcessor}'s follows the batch.
 */
public final class FullRecompute {
  private static final String READER_BATCH_CONF = "spark.sql.parquet.columnarReaderBatchSize";
  private final SparkSession spark;
  private final String eventStore;
  private final TableLocations tables;

  /**
   * @param eventStore Delta table of raw files (columns source, content), created by the first
   *     batch
   */
  public FullRecompute(SparkSession spark, String eventStore, TableLocations tables) {
    this.spark = spark;
    this.eventStore = eventStore;
    this.tables = tables;
  }

  /** Adds files (columns source, content) to the store without recomputing: loading a history. */
  public void store(Dataset<Row> files) {
    files.select("source", "content").write().format("delta").mode("append").save(eventStore);
  }

  /** One batch: store {@code files}, then rebuild every table from all stored events. */
  public void batch(Dataset<Row> files, long batchId) {
    store(files);
    // A stored row is a whole file (hundreds of KB); Parquet's default of 4096 rows per vectorized
    // read would reserve gigabytes at once.
    String readBatch = spark.conf().get(READER_BATCH_CONF, null);
    spark.conf().set(READER_BATCH_CONF, "64");
    // Read once, so not cached: half a million decoded events do not fit a 4 GB heap.
    Dataset<Row> decoded =
        DecodedRows.decode(InputRows.readable(spark.read().format("delta").load(eventStore)));
    try {
      Dataset<Row> noneStored =
          spark.read().format("delta").load(tables.pathOf(OrderEventLatestTable.NAME)).limit(0);
      Winners winners =
          ChangedOrders.of(DecodedRows.events(decoded), noneStored, batchId)
              .persist(StorageLevel.DISK_ONLY());
      try {
        TableDerivation.derive(
            winners,
            batchId,
            PersonalDataMask.KEEP,
            (table, rows) -> {
              OverwriteWriter.overwrite(table, rows, tables.pathOf(table.name()));
              return table;
            });
      } finally {
        winners.unpersist();
      }
    } finally {
      if (readBatch == null) {
        spark.conf().unset(READER_BATCH_CONF);
      } else {
        spark.conf().set(READER_BATCH_CONF, readBatch);
      }
    }
  }
}
