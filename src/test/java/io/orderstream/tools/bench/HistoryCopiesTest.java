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

    new HistoryCopies(PipelineHarness.spark(), new TableLocations(harness.tables().toString()))
        .append(1, 3);

    assertThat(harness.table("order_event_latest").count()).isEqualTo(3 * orders);
    assertThat(harness.table("order_item").count()).isEqualTo(3 * lines);
    assertThat(harness.table("item").count()).as("the catalogue is not copied").isEqualTo(items);
    harness.assertKeysAndForeignKeys();
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
