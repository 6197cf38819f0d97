package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.model.CollectedTables;
import io.orderstream.model.Lineage;
import io.orderstream.testing.SparkTest;
import io.orderstream.testing.SparkTestSession;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class TouchedRangeTest {
  @TempDir Path dir;

  @Test
  void spansTheStoredAndTheNewWinnersIgnoringNewOrders() {
    List<CollectedTables.ChangedOrder> winners =
        List.of(
            new CollectedTables.ChangedOrder(
                "a",
                Timestamp.valueOf("2024-05-02 10:00:00"),
                Timestamp.valueOf("2024-05-01 09:00:00")),
            new CollectedTables.ChangedOrder("b", Timestamp.valueOf("2024-05-03 10:00:00"), null),
            new CollectedTables.ChangedOrder(
                "c",
                Timestamp.valueOf("2024-05-02 12:00:00"),
                Timestamp.valueOf("2024-04-30 08:00:00")));

    TouchedRange range = TouchedRange.of(winners);

    assertThat(range.from()).isEqualTo(Timestamp.valueOf("2024-04-30 08:00:00"));
    assertThat(range.to()).isEqualTo(Timestamp.valueOf("2024-05-03 10:00:00"));
  }

  @Test
  void deltaSkipsEveryFileOutsideTheRange() {
    SparkSession spark = SparkTestSession.get();
    String path = dir.resolve("order_item").toString();
    List<String> days = List.of("2024-01-10", "2024-03-10", "2024-06-10");
    for (String day : days) {
      // one file per batch, as a batch's MERGE writes its rows together
      spark
          .range(20)
          .select(
              col("id").cast("string").as("order_id"),
              lit(Timestamp.valueOf(day + " 12:00:00")).as(Lineage.UPDATED_AT))
          .coalesce(1)
          .write()
          .format("delta")
          .mode("append")
          .save(path);
    }
    TouchedRange march =
        new TouchedRange(
            Timestamp.valueOf("2024-03-01 00:00:00"), Timestamp.valueOf("2024-03-31 00:00:00"));

    Dataset<Row> read =
        spark.read().format("delta").load(path).where(march.covers(Lineage.UPDATED_AT));

    assertThat(read.count()).isEqualTo(20);
    assertThat(filesRead(read)).isEqualTo(1);
  }

  /** Files the scan opened after Delta's data skipping, from the executed plan's metrics. */
  private static long filesRead(Dataset<Row> read) {
    read.collectAsList();
    List<FileSourceScanExec> scans = new ArrayList<>();
    collectScans(read.queryExecution().executedPlan(), scans);
    assertThat(scans).hasSize(1);
    return scans.get(0).metrics().apply("numFiles").value();
  }

  private static void collectScans(SparkPlan plan, List<FileSourceScanExec> into) {
    if (plan instanceof FileSourceScanExec scan) {
      into.add(scan);
    }
    scala.jdk.javaapi.CollectionConverters.asJava(plan.children())
        .forEach(child -> collectScans(child, into));
  }
}
