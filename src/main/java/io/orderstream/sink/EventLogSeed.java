package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.OrderEventTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a new, empty {@code order_event} of tables written before the event log existed with the
 * winning events {@code order_event_latest} holds: the only events of those orders left, so that a
 * {@code rebuild} keeps every order and a new event's history starts from the order's winner.
 */
public final class EventLogSeed {
  private static final Logger LOG = LoggerFactory.getLogger(EventLogSeed.class);

  private EventLogSeed() {}

  /** Seeds the log when it has never been written and the winners table holds rows. */
  public static void seedIfNew(SparkSession spark, TableLocations tables) {
    String log = tables.pathOf(OrderEventTable.NAME);
    if (DeltaTable.forPath(spark, log).history(1).first().<Long>getAs("version") != 0) {
      return;
    }
    Dataset<Row> winners =
        spark
            .read()
            .format("delta")
            .load(tables.pathOf(OrderEventLatestTable.NAME))
            .withColumn("raw", col("raw_event"));
    if (winners.isEmpty()) {
      return;
    }
    // The winners keep the batch that stored them as lineage.
    winners
        .select(OrderEventTable.DEFINITION.selection())
        .write()
        .format("delta")
        .mode("append")
        .save(log);
    LOG.info(
        "order_event is new beside stored tables: seeded with the {} winning events of order_event_latest",
        spark.read().format("delta").load(log).count());
  }
}
