package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.config.RunConfig;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A continuously running pipeline asked to stop finishes its batch, returns, and loses nothing. */
@SparkTest
class GracefulStopPipelineTest {

  @Test
  void stopRequestedWhileRunningReturnsAfterBatchCommitted(@TempDir Path dir) throws Exception {
    PipelineHarness harness =
        new PipelineHarness(dir).add("lifecycle", List.of("WOZ1830024297368_3.json"));
    RunConfig continuous =
        new RunConfig(
            harness.input().toString(),
            dir.resolve("tables").toString(),
            harness.checkpoint().toString(),
            false,
            Duration.ofMillis(200),
            1000,
            "local[2]",
            Map.of());
    Pipeline pipeline = new Pipeline(continuous, PipelineHarness.spark());

    CountDownLatch firstBatchCommitted = new CountDownLatch(1);
    pipeline.onBatch(
        report -> {
          if (report.events() > 0) {
            firstBatchCommitted.countDown();
          }
        });

    CompletableFuture<RunSummary> running = CompletableFuture.supplyAsync(pipeline::run);
    // Generous bounds, only against a hang: start-up creates every table first, and on a busy
    // 2-core machine that alone took 2.5 minutes once.
    assertThat(firstBatchCommitted.await(10, TimeUnit.MINUTES))
        .as("a batch with the event committed")
        .isTrue();
    pipeline.stop();
    RunSummary summary = running.get(5, TimeUnit.MINUTES);

    assertThat(summary.batches()).isGreaterThanOrEqualTo(1);
    assertThat(harness.table("order_event_latest").count()).isEqualTo(1);
    assertThat(harness.runOnce().batches()).as("nothing left to replay").isZero();
  }
}
