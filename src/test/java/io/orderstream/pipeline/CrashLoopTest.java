package io.orderstream.pipeline;

import static io.orderstream.testing.Background.awaitQuietly;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.config.RunConfig;
import io.orderstream.model.BatchLogTable;
import io.orderstream.ops.TableComparison;
import io.orderstream.ops.TableIntegrity;
import io.orderstream.sink.DriverWrite;
import io.orderstream.testing.ChildPipeline;
import io.orderstream.testing.CrashSite;
import io.orderstream.testing.CrashWatch;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import io.orderstream.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The short crash loop (bench/crash-loop is the long one): a shuffled backlog with duplicates, late
 * events and bad files; an uninterrupted reference run; then the same input run in child JVMs that
 * are killed with SIGKILL in start-up, between two table writes of a batch (once writing with
 * Spark's MERGE, once from the driver), and after a batch wrote every table but before the
 * checkpoint recorded it; a last run finishes. The crashed pipeline's tables must pass the
 * integrity check and hold the same rows as the reference, quarantine included.
 *
 * <p>Kills are triggered by what the child has written (checkpoint offsets, Delta transaction ids),
 * not by timing alone, so each lands where it is meant to on a fast or a slow machine.
 */
@SparkTest
class CrashLoopTest {
  private static final Logger LOG = LoggerFactory.getLogger(CrashLoopTest.class);
  private static final long SEED = 20240301L;
  private static final int ORDERS = 10;

  /** Files per batch of the crashed pipeline: the backlog takes two batches. */
  private static final int MAX_FILES = 40;

  /**
   * The reference run takes the backlog in one batch, which saves a batch of test time: the tables
   * must not depend on how the files were split into batches (LifecyclePipelineTest checks that).
   */
  private static final int ALL_AT_ONCE = 1000;

  /**
   * Every table written with Spark's MERGE; the default writes this small backlog from the driver.
   */
  private static final String[] MERGE_ONLY = {"--conf", DriverWrite.MAX_READ_BYTES_CONF + "=0"};

  /** Guards against a child that hangs; no assertion is about time. */
  private static final Duration PATIENCE = Duration.ofMinutes(10);

  @TempDir Path dir;

  /** The uninterrupted run, in this JVM, beside the children. */
  private CompletableFuture<Void> reference;

  /** A failed test must not leave its reference running into the next test's pipeline. */
  @AfterEach
  void awaitReference() {
    awaitQuietly(reference);
  }

  @Test
  void pipelineKilledInStartUpBetweenTableWritesAndBeforeCheckpointCommitEndsWithReferenceTables()
      throws Exception {
    Path input = backlog(dir.resolve("events"));
    CrashWatch watch = new CrashWatch(checkpoint("crashed"), tables("crashed"), PATIENCE);
    // The reference runs in this JVM while the children start: a child's start-up is mostly one
    // thread loading classes, so the two overlap on two cores. Kills wait for what the child has
    // written, so a slower child changes when they land, not where.
    reference = CompletableFuture.runAsync(() -> run(input, "reference", ALL_AT_ONCE));
    Random random = new Random(SEED);
    List<CrashSite> sites = new ArrayList<>();

    // start-up: before any batch starts (JVM, Spark and table creation take seconds)
    ChildPipeline child = startCrashed(input);
    Thread.sleep(500 + random.nextInt(1500));
    sites.add(watch.kill(child));
    // a batch that has written some tables but not order_event_latest: once with Spark's MERGE,
    // once with the driver's writes, so each path's replay meets the other's half-written batch
    child = startCrashed(input, MERGE_ONLY);
    watch.awaitSite(child, site -> site.tablesWritten() > 0 && !site.latestWritten());
    sites.add(watch.kill(child));
    child = startCrashed(input);
    watch.awaitSite(child, site -> site.tablesWritten() > 0 && !site.latestWritten());
    sites.add(watch.kill(child));
    // a batch that has written every table, its checkpoint commit not yet written
    child = startCrashed(input);
    watch.awaitSite(child, CrashSite::latestWritten);
    sites.add(watch.kill(child));
    // One streaming query at a time in this JVM: both runs use the query name "orderstream".
    reference.join();
    run(input, "crashed", MAX_FILES);
    sites.forEach(site -> LOG.info("kill landed: {}", site.describe()));

    assertThat(sites)
        .as("where the kills landed")
        .filteredOn(CrashSite::insideBatch)
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(
            PipelineHarness.failed(
                new TableIntegrity(PipelineHarness.spark(), tables("crashed").toString()).check()))
        .as("integrity of the crashed pipeline's tables")
        .isEmpty();
    assertThat(
            PipelineHarness.failed(
                new TableComparison(
                        PipelineHarness.spark(),
                        tables("crashed").toString(),
                        tables("reference").toString())
                    .compare()))
        .as("tables that differ from the uninterrupted run")
        .isEmpty();
    assertThat(
            PipelineHarness.spark()
                .read()
                .format("delta")
                .load(tables("crashed").resolve("quarantine").toString())
                .count())
        .as("the two bad files, quarantined once each")
        .isEqualTo(2);
    Dataset<Row> batchLog =
        PipelineHarness.spark()
            .read()
            .format("delta")
            .load(tables("crashed").resolve(BatchLogTable.NAME).toString());
    long committed;
    try (Stream<Path> commits = Files.list(checkpoint("crashed").resolve("commits"))) {
      committed = commits.filter(f -> f.getFileName().toString().matches("\\d+")).count();
    }
    assertThat(batchLog.select("batch_id").distinct().count())
        .as("batches in the crashed pipeline's batch log")
        .isEqualTo(committed);
    assertThat(batchLog.count()).as("batch log rows: none twice").isEqualTo(committed);
  }

  // ---------------------------------------------------------------- runs

  private void run(Path input, String name, int maxFiles) {
    RunConfig config =
        new RunConfig(
            input.toString(),
            tables(name).toString(),
            checkpoint(name).toString(),
            true,
            Duration.ofSeconds(1),
            maxFiles,
            "local[2]",
            Map.of());
    SparkSession spark = PipelineHarness.spark();
    // The crashed pipeline's batch log is checked: its last run here keeps it, as the child does.
    spark.conf().set(SparkTestSession.BATCH_LOG_CONF, "true");
    try {
      new Pipeline(config, spark).run();
    } finally {
      spark.conf().set(SparkTestSession.BATCH_LOG_CONF, "false");
    }
  }

  private ChildPipeline startCrashed(Path input, String... settings) {
    List<String> arguments = new ArrayList<>(List.of(settings));
    arguments.addAll(
        List.of(
            "--input",
            input.toString(),
            "--tables",
            tables("crashed").toString(),
            "--checkpoint",
            checkpoint("crashed").toString(),
            "--max-files-per-trigger",
            Integer.toString(MAX_FILES)));
    return ChildPipeline.start(dir.resolve("crashed.log"), arguments);
  }

  private Path tables(String name) {
    return dir.resolve(name).resolve("tables");
  }

  private Path checkpoint(String name) {
    return dir.resolve(name).resolve("checkpoint");
  }

  // ---------------------------------------------------------------- input

  /**
   * The shared crash backlog, its files' modification times (the order the file source reads them
   * in) set in its shuffled order.
   */
  private static Path backlog(Path events) throws IOException {
    List<Path> files = CrashWatch.backlog(events, ORDERS, SEED);
    Instant first = Instant.now().minus(Duration.ofDays(1));
    for (int i = 0; i < files.size(); i++) {
      Files.setLastModifiedTime(files.get(i), FileTime.from(first.plusSeconds(i)));
    }
    return events;
  }
}
