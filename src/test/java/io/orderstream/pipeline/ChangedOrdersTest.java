package io.orderstream.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.model.Lineage;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.Winners;
import io.orderstream.store.DriverScan;
import io.orderstream.testing.OneEventFiles;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change detection on the driver decides as the Spark join does: the same orders change, with the
 * same winning events and the same stored instants, for every case the winning-event rule and the
 * replay rule name.
 */
@SparkTest
class ChangedOrdersTest {
  private static final long EARLIER_BATCH = 3;
  private static final long BATCH = 7;
  private final SparkSession spark = PipelineHarness.spark();

  private static String event(String orderId, String updatedAt, String status) {
    return OneEventFiles.event(orderId, updatedAt, status);
  }

  private Dataset<Row> events(String prefix, String... documents) {
    return OneEventFiles.decoded(spark, prefix, documents);
  }

  /**
   * {@code order_event_latest} rows of the given events, as the batch {@code batchId} stored them.
   */
  private static Dataset<Row> stored(Dataset<Row> events, long batchId) {
    return events.select(
        col("order_id"),
        col("updated_at"),
        col("updated_at_nanos"),
        col("version"),
        col("event_hash"),
        col("raw").as("raw_event"),
        col("source"),
        lit(batchId).as(Lineage.BATCH_ID));
  }

  @Test
  void decidesAsTheSparkJoinDoes(@TempDir Path dir) {
    String aStored = event("A", "2024-01-02T00:00:00Z", "PAID");
    String bStored = event("B", "2024-01-02T00:00:00Z", "PAID");
    String cStored = event("C", "2024-01-02T00:00:00Z", "PAID");
    String dStored = event("D", "2024-01-02T00:00:00Z", "PAID");
    String path = dir.resolve(OrderEventLatestTable.NAME).toString();
    stored(events("s", aStored, bStored, dStored), EARLIER_BATCH)
        // C's winner was stored by this very batch before a crash: its replay must rewrite it.
        .union(stored(events("r", cStored), BATCH))
        .write()
        .format("delta")
        .save(path);
    String eNew = event("E", "2024-01-05T00:00:00Z", "CREATED");
    Dataset<Row> batch =
        events(
            "b",
            event("A", "2024-01-03T00:00:00Z", "SHIPPED"), // newer than stored: changes
            event("B", "2024-01-01T00:00:00Z", "CREATED"), // older than stored: does not
            cStored, // the replayed batch's own winner: changes
            dStored, // a copy of a winner an earlier batch stored: does not
            eNew, // a new order, twice in the batch: changes once
            eNew,
            event("F", "2024-01-04T00:00:00Z", "PAID"), // same instant, no version, other
            event("F", "2024-01-04T00:00:00Z", "CANCELLED")); // content: the greater hash wins
    Dataset<Row> storedTable = spark.read().format("delta").load(path);

    Winners withSpark = ChangedOrders.of(batch, storedTable, BATCH);
    Winners onDriver =
        ChangedOrders.onDriver(
                batch, new StoredWinners(DriverScan.forSession(spark), path, 1_000), BATCH)
            .orElseThrow();

    assertThat(decisions(onDriver)).isEqualTo(decisions(withSpark));
    assertThat(decisions(onDriver))
        .extracting(r -> r.getString(0))
        .containsExactly("A", "C", "E", "F");
    assertThat(
            onDriver
                .rows()
                .where(col(Winners.ORDER_ID).equalTo("E"))
                .collectAsList()
                .get(0)
                .<String>getAs(Winners.SOURCE))
        .as("of two copies, the first input by name")
        .isEqualTo("file:/in/b4.json");
  }

  @Test
  void aTableAboveTheLimitLeavesTheDecisionToSpark(@TempDir Path dir) {
    String path = dir.resolve(OrderEventLatestTable.NAME).toString();
    stored(
            events(
                "s",
                event("A", "2024-01-02T00:00:00Z", "PAID"),
                event("B", "2024-01-02T00:00:00Z", "PAID")),
            EARLIER_BATCH)
        .write()
        .format("delta")
        .save(path);

    assertThat(
            ChangedOrders.onDriver(
                events("b", event("A", "2024-01-03T00:00:00Z", "SHIPPED")),
                new StoredWinners(DriverScan.forSession(spark), path, 1),
                BATCH))
        .isEmpty();
  }

  /** Every column of the winners but the input's name, the parsed event as its status, by order. */
  private static List<Row> decisions(Winners winners) {
    return winners
        .rows()
        .select(
            col(Winners.ORDER_ID),
            col(Winners.UPDATED_AT),
            col(Winners.UPDATED_AT_NANOS),
            col(Winners.VERSION),
            col(Winners.EVENT_HASH),
            col(Winners.RAW),
            col(Winners.STORED_UPDATED_AT),
            col(Winners.EVENT + ".stat_pedi"))
        .orderBy(col(Winners.ORDER_ID))
        .collectAsList();
  }
}
