package io.orderstream.tools.bench;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.event.DecodedRows;
import io.orderstream.sink.TableLocations;
import io.orderstream.source.InputRows;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import io.orderstream.tools.generate.EventWriter;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.SampleGenerator;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's history copies must be valid tables, or the batch timed against them means
 * nothing.
 */
@SparkTest
class HistoryCopiesTest {

  @Test
  void copiesMultiplyTheOrdersWithUniqueKeysAndResolvingForeignKeys(@TempDir Path root) {
    PipelineHarness harness = new PipelineHarness(root);
    EventWriter.write(SampleGenerator.generate(GeneratorSpec.of(8, 5L)), harness.input());
    harness.runOnce();
    long orders = harness.table("order_event_latest").count();
    long lines = harness.table("order_item").count();
    long items = harness.table("item").count();
    long events = harness.table("order_event").count();
    long orderPeriods = harness.table("order_status_history").count();
    long linePeriods = harness.table("order_item_status_history").count();
    long linePeriodsOfNoLine = linePeriodsOfNoLine(harness);
    assertThat(List.of(events, orderPeriods, linePeriods))
        .as("the pipeline filled the event log and the histories")
        .allMatch(count -> count > 0);

    new HistoryCopies(PipelineHarness.spark(), new TableLocations(harness.tables().toString()))
        .append(1, 3);

    assertThat(harness.table("order_event_latest").count()).isEqualTo(3 * orders);
    assertThat(harness.table("order_item").count()).isEqualTo(3 * lines);
    assertThat(harness.table("item").count()).as("the catalogue is not copied").isEqualTo(items);
    assertThat(harness.table("order_event").count()).isEqualTo(3 * events);
    assertThat(harness.table("order_status_history").count()).isEqualTo(3 * orderPeriods);
    assertThat(harness.table("order_item_status_history").count()).isEqualTo(3 * linePeriods);
    assertThat(linePeriodsOfNoLine(harness))
        .as("a copied line history names its copy's line")
        .isEqualTo(3 * linePeriodsOfNoLine);
    harness.assertKeysAndForeignKeys();
  }

  @Test
  void copiedEventLogHoldsEachCopysOwnEvents(@TempDir Path root) {
    PipelineHarness harness = new PipelineHarness(root);
    EventWriter.write(SampleGenerator.generate(GeneratorSpec.of(4, 5L)), harness.input());
    harness.runOnce();

    new HistoryCopies(PipelineHarness.spark(), new TableLocations(harness.tables().toString()))
        .append(1, 3);

    Dataset<Row> log = harness.table("order_event");
    Dataset<Row> decoded =
        DecodedRows.events(
            DecodedRows.decode(
                InputRows.readable(
                    log.select(
                        col("source").as(InputRows.SOURCE),
                        col("raw_event").cast("binary").as(InputRows.CONTENT)))));
    assertThat(log.count()).isEqualTo(3 * log.where(col("order_id").endsWith("~1")).count());
    assertThat(decoded.count()).isEqualTo(log.count());
    assertThat(
            decoded
                .select("order_id", "updated_at")
                .except(log.select("order_id", "updated_at"))
                .count())
        .as("each stored event's JSON names the order of its row")
        .isZero();
  }

  /** Line history rows whose order_item_id is no order_item row's id. */
  private static long linePeriodsOfNoLine(PipelineHarness harness) {
    return harness
        .table("order_item_status_history")
        .join(
            harness.table("order_item").select(col("id").as("order_item_id")),
            "order_item_id",
            "left_anti")
        .count();
  }

  @Test
  void copiedEventFilesCarryTheCopysOrderIds(@TempDir Path root) {
    EventWriter.write(SampleGenerator.generate(GeneratorSpec.of(2, 5L)), root);
    Dataset<Row> files =
        PipelineHarness.spark()
            .read()
            .format("binaryFile")
            .load(root.toString())
            .select(col("path").as("source"), col("content"));

    Dataset<Row> copies = HistoryCopies.copiedFiles(files, 1, 3);

    Dataset<Row> orderIds =
        DecodedRows.events(DecodedRows.decode(InputRows.readable(copies)))
            .select("order_id")
            .distinct();
    Dataset<Row> originalIds =
        DecodedRows.events(DecodedRows.decode(InputRows.readable(files)))
            .select("order_id")
            .distinct();
    assertThat(orderIds.count()).isEqualTo(2 * originalIds.count());
    assertThat(orderIds.where(col("order_id").endsWith("~1")).count())
        .isEqualTo(originalIds.count());
  }
}
