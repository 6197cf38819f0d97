package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.config.RunConfig;
import io.orderstream.testing.PipelineHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A continuously running pipeline asked to stop finishes its batch, returns, and loses nothing. */
class GracefulStopPipelineTest {

  @Test
  void stopRequestedWhileRunningReturnsAfterBatchCommitted(@TempDir Path dir) throws Exception {
    PipelineHarness harness = new PipelineHarness(dir).add("lifecycle", List.of("WOZ1830024297368_3.json"));
    RunConfig continuous = new RunConfig(harness.input().toString(), dir.resolve("tables").toString(),
        harness.checkpoint().toString(), false, Duration.ofMillis(200), 1000, "local[2]", Map.of());
    Pipeline pipeline = new Pipeline(continuous, PipelineHarness.spark());

    CompletableFuture<RunSummary> running = CompletableFuture.supplyAsync(pipeline::run);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!landed(harness) && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    pipeline.stop();
    RunSummary summary = running.get(2, TimeUnit.MINUTES);

    assertThat(summary.batches()).isGreaterThanOrEqualTo(1);
    assertThat(harness.table("order_event_latest").count()).isEqualTo(1);
    assertThat(harness.runOnce().batches()).as("nothing left to replay").isZero();
  }

  private static boolean landed(PipelineHarness harness) {
    try {
      return harness.table("order_event_latest").count() > 0;
    } catch (Exception tableNotCreatedYet) { // Spark's AnalysisException is checked, thrown undeclared

      return false;
    }
  }
}
