package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.model.Lineage;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.store.DriverScan;
import io.orderstream.testing.LifecycleReference;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's lookup of stored winners' instants agrees with what Spark reads from {@code
 * order_event_latest}, also after a batch rewrote the files it kept, and stands aside for a table
 * larger than it may keep.
 */
@SparkTest
class StoredWinnersTest {
  private static final String UNKNOWN = "no-such-order";

  @Test
  void findsEveryStoredWinnerAndFollowsRewrittenFiles(@TempDir Path dir) {
    List<String> names = PipelineHarness.fixtureNames(LifecycleReference.FIXTURE);
    PipelineHarness pipeline = new PipelineHarness(dir);
    pipeline.add(LifecycleReference.FIXTURE, names.subList(0, names.size() / 2)).runOnce();
    String path = pipeline.tablesLocation() + "/" + OrderEventLatestTable.NAME;
    StoredWinners lookup =
        new StoredWinners(DriverScan.forSession(PipelineHarness.spark()), path, 1_000);

    Map<String, StoredWinners.Stored> before = readWithSpark(pipeline);
    assertThat(before).as("orders stored by the first run").isNotEmpty();
    assertThat(lookup.of(withUnknown(before))).hasValue(before);

    pipeline.add(LifecycleReference.FIXTURE, names.subList(names.size() / 2, names.size()));
    pipeline.runOnce();
    Map<String, StoredWinners.Stored> after = readWithSpark(pipeline);
    assertThat(after).as("the second run moved some winners").isNotEqualTo(before);
    assertThat(lookup.of(withUnknown(after))).hasValue(after);

    StoredWinners tooSmall =
        new StoredWinners(DriverScan.forSession(PipelineHarness.spark()), path, after.size() - 1);
    assertThat(tooSmall.of(after.keySet())).as("a table above the limit").isEmpty();
  }

  private static List<String> withUnknown(Map<String, StoredWinners.Stored> stored) {
    List<String> orders = new ArrayList<>(stored.keySet());
    orders.add(UNKNOWN);
    return orders;
  }

  private static Map<String, StoredWinners.Stored> readWithSpark(PipelineHarness pipeline) {
    Map<String, StoredWinners.Stored> stored = new HashMap<>();
    for (Row row :
        pipeline
            .table(OrderEventLatestTable.NAME)
            .select(
                "order_id",
                OrderEventLatestTable.UPDATED_AT,
                OrderEventLatestTable.UPDATED_AT_NANOS,
                OrderEventLatestTable.VERSION,
                OrderEventLatestTable.EVENT_HASH,
                Lineage.BATCH_ID)
            .collectAsList()) {
      stored.put(
          row.getString(0),
          new StoredWinners.Stored(
              row.getTimestamp(1),
              row.isNullAt(2) ? null : row.getInt(2),
              row.isNullAt(3) ? null : row.getLong(3),
              row.getString(4),
              row.getLong(5)));
    }
    return stored;
  }
}
