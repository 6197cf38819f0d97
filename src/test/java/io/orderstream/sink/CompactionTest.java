package io.orderstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.error.OrderstreamException;
import io.orderstream.testing.SparkTest;
import io.orderstream.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class CompactionTest {
  @TempDir Path dir;

  @Test
  void aTableIsDueOnlyOnceItWasWrittenEnoughTimes() {
    Compaction compaction = new Compaction(new TableLocations(dir.toString()), 3);
    Map<String, MergeMetrics> batch =
        Map.of("order_item", new MergeMetrics(1, 0, 0), "seller", MergeMetrics.NONE);

    compaction.recordWrites(batch);
    compaction.recordWrites(batch);
    assertThat(compaction.due()).isEmpty();

    compaction.recordWrites(batch);
    assertThat(compaction.due()).contains("order_item");
  }

  @Test
  void compactingMergesTheSmallFilesAndResetsTheCount() {
    SparkSession spark = SparkTestSession.get();
    TableLocations locations = new TableLocations(dir.toString());
    String path = locations.pathOf("order_item");
    Compaction compaction = new Compaction(locations, 2);
    for (int i = 0; i < 3; i++) {
      spark
          .range(i * 10, i * 10 + 10)
          .repartition(2)
          .write()
          .format("delta")
          .mode("append")
          .save(path);
      compaction.recordWrites(Map.of("order_item", new MergeMetrics(10, 0, 0)));
    }
    assertThat(files(spark, path)).isEqualTo(6);

    compaction.runDue(spark);

    assertThat(files(spark, path)).isEqualTo(1);
    assertThat(spark.read().format("delta").load(path).count()).isEqualTo(30);
    assertThat(compaction.due()).isEmpty();
  }

  @Test
  void aBadThresholdIsAConfigurationError() {
    SparkSession spark = SparkTestSession.get().newSession();
    spark.conf().set(Compaction.WRITES_CONF, "0");

    assertThatThrownBy(() -> Compaction.forSession(spark, new TableLocations(dir.toString())))
        .isInstanceOf(OrderstreamException.class)
        .hasMessageContaining(Compaction.WRITES_CONF)
        .hasMessageContaining("'0'")
        .satisfies(e -> assertThat(((OrderstreamException) e).exitCode()).isEqualTo(2));
  }

  private static long files(SparkSession spark, String path) {
    return DeltaLog.forTable(spark, path)
        .update(false, scala.Option.empty(), scala.Option.empty())
        .numOfFiles();
  }
}
