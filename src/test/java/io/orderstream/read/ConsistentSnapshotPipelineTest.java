package io.orderstream.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.error.OrderstreamException;
import io.orderstream.pipeline.RunSummary;
import io.orderstream.testing.ConsistencyCheck;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import io.orderstream.tools.generate.EventWriter;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.SampleGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader that keeps reading while batches commit always sees every foreign key resolve when it
 * reads through {@link ConsistentSnapshot}; the same reader on the live tables is counted too.
 */
@SparkTest
class ConsistentSnapshotPipelineTest {
  private static final Logger LOG = LoggerFactory.getLogger(ConsistentSnapshotPipelineTest.class);
  private static final int ORDERS = 6;

  /**
   * A few batches: each waits for the reader to see it (see the test), and every read checks every
   * table, so more batches only make the test longer.
   */
  private static final int FILES_PER_BATCH = 12;

  /** How long a committed batch waits for the reader to see it before the next one starts. */
  private static final long SEEN_WAIT_MILLIS = 60_000;

  /** What the reader saw while the pipeline ran. */
  private static final class Observations {
    /** Written by the reader, read by the pipeline's batch thread. */
    final Set<Long> batches = new ConcurrentSkipListSet<>();

    final List<String> snapshotViolations = new ArrayList<>();
    int snapshotReads;
    int liveReads;
    int liveReadsWithViolations;
    final List<String> liveViolationSamples = new ArrayList<>();
  }

  @Test
  void readerDuringBatchesSeesEveryForeignKeyResolve(@TempDir Path dir) throws Exception {
    PipelineHarness pipeline = new PipelineHarness(dir);
    EventWriter.write(SampleGenerator.generate(GeneratorSpec.of(ORDERS, 11)), pipeline.input());
    AtomicBoolean pipelineDone = new AtomicBoolean();
    Observations seen = new Observations();
    CompletableFuture<Void> reader =
        CompletableFuture.runAsync(() -> readUntil(pipelineDone, pipeline, seen));

    RunSummary summary;
    try {
      // Each committed batch waits until the reader has seen it: a batch written from the driver
      // can commit before a read with its consistency check completes, so without the wait the
      // reader could see only the state before the first batch. Reads still run during every
      // batch that follows.
      summary = pipeline.runOnce(FILES_PER_BATCH, report -> awaitSeen(seen, report.batchId()));
    } finally {
      pipelineDone.set(true);
    }
    reader.get();

    LOG.info(
        "reader: {} snapshot reads of batches {}; {} live reads, {} of them with violations, e.g. {}",
        seen.snapshotReads,
        seen.batches,
        seen.liveReads,
        seen.liveReadsWithViolations,
        seen.liveViolationSamples);
    assertThat(summary.batches()).isGreaterThanOrEqualTo(2);
    assertThat(seen.snapshotViolations).isEmpty();
    assertThat(seen.batches)
        .as("distinct consistent states read while the pipeline ran")
        .hasSizeGreaterThanOrEqualTo(2);
    ConsistentSnapshot last =
        ConsistentSnapshot.latest(PipelineHarness.spark(), pipeline.tablesLocation());
    assertThat(last.batchId()).isEqualTo(summary.batches() - 1);
    assertThat(last.versions()).isEqualTo(pipeline.versions());
  }

  /**
   * Reads the newest snapshot, then the live tables, again and again until the pipeline is done.
   */
  private static void readUntil(AtomicBoolean done, PipelineHarness pipeline, Observations seen) {
    while (!done.get()) {
      ConsistentSnapshot snapshot;
      try {
        snapshot = ConsistentSnapshot.latest(PipelineHarness.spark(), pipeline.tablesLocation());
      } catch (OrderstreamException noTablesYet) {
        pause();
        continue;
      }
      seen.snapshotReads++;
      seen.batches.add(snapshot.batchId());
      ConsistencyCheck.violations(snapshot::table)
          .forEach(v -> seen.snapshotViolations.add("batch " + snapshot.batchId() + ": " + v));
      List<String> live = ConsistencyCheck.violations(pipeline::table);
      seen.liveReads++;
      if (!live.isEmpty()) {
        seen.liveReadsWithViolations++;
        seen.liveViolationSamples.add(live.get(0));
      }
    }
  }

  /** Waits until the reader has read the snapshot of {@code batchId}, or the wait runs out. */
  private static void awaitSeen(Observations seen, long batchId) {
    long deadline = System.currentTimeMillis() + SEEN_WAIT_MILLIS;
    while (!seen.batches.contains(batchId) && System.currentTimeMillis() < deadline) {
      pause();
    }
  }

  /** Waiting for the pipeline to create its tables: a reader polls, there is nothing to await. */
  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
