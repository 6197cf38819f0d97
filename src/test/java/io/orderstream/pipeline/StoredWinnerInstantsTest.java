package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.store.DriverScan;
import io.orderstream.testing.LifecycleReference;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.nio.file.Path;
import java.sql.Timestamp;
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
class StoredWinnerInstantsTest {
  private static final String UNKNOWN = "no-such-order";

  @Test
  void findsEveryStoredWinnerAndFollowsRewrittenFiles(@TempDir Path dir) {
    List<String> names = PipelineHarness.fixtureNames(LifecycleReference.FIXTURE);
    PipelineHarness pipeline = new PipelineHarness(dir);
    pipeline.add(LifecycleReference.FIXTURE, names.subList(0, names.size() / 2)).runOnce();
    String path = pipeline.tablesLocation() + "/" + OrderEventLatestTable.NAME;
    StoredWinnerInstants lookup =
        new StoredWinnerInstants(DriverScan.forSession(PipelineHarness.spark()), path, 1_000);

    Map<String, Timestamp> before = readWithSpark(pipeline);
    assertThat(before).as("orders stored by the first run").isNotEmpty();
    assertThat(lookup.of(withUnknown(before))).hasValue(before);

    pipeline.add(LifecycleReference.FIXTURE, names.subList(names.size() / 2, names.size()));
    pipeline.runOnce();
    Map<String, Timestamp> after = readWithSpark(pipeline);
    assertThat(after).as("the second run moved some winners").isNotEqualTo(before);
    assertThat(lookup.of(withUnknown(after))).hasValue(after);

    StoredWinnerInstants tooSmall =
        new StoredWinnerInstants(
            DriverScan.forSession(PipelineHarness.spark()), path, after.size() - 1);
    assertThat(tooSmall.of(after.keySet())).as("a table above the limit").isEmpty();
  }

  private static List<String> withUnknown(Map<String, Timestamp> stored) {
    List<String> orders = new ArrayList<>(stored.keySet());
    orders.add(UNKNOWN);
    return orders;
  }

  private static Map<String, Timestamp> readWithSpark(PipelineHarness pipeline) {
    Map<String, Timestamp> stored = new HashMap<>();
    for (Row row :
        pipeline
            .table(OrderEventLatestTable.NAME)
            .select("order_id", OrderEventLatestTable.UPDATED_AT)
            .collectAsList()) {
      stored.put(row.getString(0), row.getTimestamp(1));
    }
    return stored;
  }
}
