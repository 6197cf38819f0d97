package io.orderstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.error.OrderstreamException;
import io.orderstream.testing.LogCapture;
import io.orderstream.testing.SparkTest;
import io.orderstream.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
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
    String path = new TableLocations(dir.toString()).pathOf("order_item");
    Compaction compaction = everySecondWrite();
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

    String log = runDueLogged(compaction, spark);

    assertThat(log).contains("compacted order_item: 6 files into 1");
    assertThat(files(spark, path)).isEqualTo(1);
    assertThat(spark.read().format("delta").load(path).count()).isEqualTo(30);
    assertThat(compaction.due()).isEmpty();
  }

  @Test
  void aTableWhoseOneSmallFileIsRewrittenByEveryWriteIsNotCompacted() {
    SparkSession spark = SparkTestSession.get();
    String path = new TableLocations(dir.toString()).pathOf("seller");
    Compaction compaction = everySecondWrite();
    // Each write replaces the table's only file, as a small dimension's writes do.
    for (long first : new long[] {0, 1, 2}) {
      spark
          .range(first, first + 10)
          .coalesce(1)
          .write()
          .format("delta")
          .mode("overwrite")
          .save(path);
      compaction.recordWrites(Map.of("seller", new MergeMetrics(0, 10, 0)));
    }
    long version = version(spark, path);
    assertThat(files(spark, path)).isEqualTo(1);

    String log = runDueLogged(compaction, spark);

    assertThat(log)
        .contains("seller: not compacted, its 1 files leave OPTIMIZE nothing to bin-pack")
        .doesNotContain("compacted seller");
    assertThat(version(spark, path)).as("no OPTIMIZE commit").isEqualTo(version);
    assertThat(compaction.due()).as("the count starts again").isEmpty();
  }

  @Test
  void optimizeHasWorkWithTwoSmallFilesInAPartitionOrAnyDeletionVector() {
    long min = 100;
    Map<String, String> a = Map.of("p", "a");
    Map<String, String> b = Map.of("p", "b");

    assertThat(Compaction.couldCompact(List.of(), min)).isFalse();
    assertThat(Compaction.couldCompact(List.of(file(a, 10, false)), min)).isFalse();
    assertThat(Compaction.couldCompact(List.of(file(a, 10, false), file(a, 20, false)), min))
        .isTrue();
    assertThat(Compaction.couldCompact(List.of(file(a, 10, false), file(b, 20, false)), min))
        .as("one small file in each of two partitions")
        .isFalse();
    assertThat(Compaction.couldCompact(List.of(file(a, 10, false), file(a, 100, false)), min))
        .as("the second file reached the minimum size")
        .isFalse();
    assertThat(Compaction.couldCompact(List.of(file(a, 500, true)), min))
        .as("one large file with deleted rows")
        .isTrue();
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

  /** Compaction of the tables under {@code dir}, due after two writes. */
  private Compaction everySecondWrite() {
    return new Compaction(new TableLocations(dir.toString()), 2);
  }

  /** Runs the due compaction; returns what {@link Compaction} logged meanwhile, debug included. */
  private static String runDueLogged(Compaction compaction, SparkSession spark) {
    try (LogCapture capture = LogCapture.of(Compaction.class.getName(), Level.DEBUG)) {
      compaction.runDue(spark);
      return capture.text();
    }
  }

  private static Compaction.LiveFile file(
      Map<String, String> partition, long size, boolean deletionVector) {
    return new Compaction.LiveFile(partition, size, deletionVector);
  }

  private static long version(SparkSession spark, String path) {
    return DeltaLog.forTable(spark, path)
        .update(false, scala.Option.empty(), scala.Option.empty())
        .version();
  }

  private static long files(SparkSession spark, String path) {
    return DeltaLog.forTable(spark, path)
        .update(false, scala.Option.empty(), scala.Option.empty())
        .numOfFiles();
  }
}
