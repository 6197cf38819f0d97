package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import io.orderstream.tools.generate.EventFiles;
import io.orderstream.tools.generate.ExpectedOrder;
import io.orderstream.tools.generate.ExpectedState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled samples (40 generated orders with ties, late events and duplicates) drained in
 * several batches end exactly as the generator's oracle, worked out from the JSON alone, says.
 */
@SparkTest
class GeneratedEventsPipelineTest {

  @Test
  void bundledSamplesInSeveralBatchesMatchTheOracle(@TempDir Path dir) throws IOException {
    Path samples = Path.of("samples", "events");
    ExpectedState expected = ExpectedState.of(EventFiles.read(samples));
    PipelineHarness pipeline = new PipelineHarness(dir);
    try (Stream<Path> files = Files.list(samples)) {
      for (Path file : files.toList()) {
        Files.copy(file, pipeline.input().resolve(file.getFileName()));
      }
    }

    RunSummary summary = pipeline.runOnce(100);

    assertThat(summary.batches()).isEqualTo(3);
    expected
        .totals()
        .byTable()
        .forEach(
            (table, rows) -> assertThat(pipeline.table(table).count()).as(table).isEqualTo(rows));
    Map<String, Row> latest =
        pipeline.table("order_event_latest").collectAsList().stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("order_id"), r -> r));
    for (ExpectedOrder order : expected.orders().values()) {
      Row stored = latest.get(order.orderId());
      assertThat(stored.<Timestamp>getAs("updated_at").toInstant())
          .as(order.orderId())
          .isEqualTo(order.datAtui());
      assertThat(stored.<Long>getAs("version")).as(order.orderId()).isEqualTo(order.version());
    }
    List<Row> statuses =
        pipeline.table("order_item").select("order_id", "order_status").distinct().collectAsList();
    for (Row row : statuses) {
      assertThat(row.getString(1))
          .as(row.getString(0))
          .isEqualTo(expected.order(row.getString(0)).status());
    }
    pipeline.assertKeysAndForeignKeys();
  }
}
