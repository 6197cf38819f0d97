package io.orderstream.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.config.RunConfig;
import io.orderstream.testing.SparkTest;
import io.orderstream.testing.SparkTestSession;
import io.orderstream.tools.generate.GeneratedEvent;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.OutputFormat;
import io.orderstream.tools.generate.SampleGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history part's running pipeline: each delivery is waited for until its files committed, the
 * pipeline keeps running between deliveries, and closing it stops it.
 */
@SparkTest
class RunningPipelineTest {

  @Test
  void eachDeliveryReturnsOnceItsFilesCommittedAndThePipelineRunsOnBetweenThem(@TempDir Path dir)
      throws IOException {
    SparkSession spark = SparkTestSession.get();
    // The pipeline checks its input folder as it starts, before the first delivery creates it.
    Path input = Files.createDirectories(dir.resolve("input"));
    List<GeneratedEvent> first = orders(3, 1);
    List<GeneratedEvent> second = orders(2, 2);

    RunningPipeline.Delivered one;
    RunningPipeline.Delivered two;
    try (RunningPipeline running = RunningPipeline.start(spark, config(dir, false))) {
      one = running.deliver(first, dir.resolve("staging-1"), input, "a-");
      long afterFirst = orderCount(spark, dir);
      two = running.deliver(second, dir.resolve("staging-2"), input, "b-");
      assertThat(afterFirst).isEqualTo(3);
    }

    assertThat(one.batches()).isBetween(1, 2);
    assertThat(two.batches()).isBetween(1, 2);
    assertThat(one.millis()).isPositive();
    assertThat(two.millis()).isPositive();
    assertThat(orderCount(spark, dir)).isEqualTo(5);
  }

  @Test
  void aConfigThatDrainsAndStopsIsRefused(@TempDir Path dir) {
    assertThatThrownBy(() -> RunningPipeline.start(SparkTestSession.get(), config(dir, true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without once");
  }

  private static List<GeneratedEvent> orders(int orders, long seed) {
    return SampleGenerator.generate(
        GeneratorSpec.of(orders, seed).withFormat(OutputFormat.JSONL).withEventsPerFile(4));
  }

  private static long orderCount(SparkSession spark, Path dir) {
    return spark
        .read()
        .format("delta")
        .load(dir.resolve("tables/order_event_latest").toString())
        .count();
  }

  private static RunConfig config(Path dir, boolean once) {
    return new RunConfig(
        dir.resolve("input").toString(),
        dir.resolve("tables").toString(),
        dir.resolve("checkpoint").toString(),
        once,
        Duration.ofMillis(200),
        1000,
        SparkTestSession.get().sparkContext().master(),
        Map.of());
  }
}
