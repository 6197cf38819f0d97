package io.orderstream.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import io.orderstream.ops.Maintenance.Result;
import io.orderstream.ops.Maintenance.Retention;
import io.orderstream.ops.Maintenance.TableResult;
import io.orderstream.pipeline.RunSummary;
import io.orderstream.read.ConsistentSnapshot;
import io.orderstream.sink.BatchManifest;
import io.orderstream.sink.ManifestLog;
import io.orderstream.sink.TableLocations;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle fixture's first 18 files in three batches (later events rewrite earlier rows, so
 * every batch leaves replaced files behind), then {@link Maintenance} keeping the newest manifest,
 * then a batch of the remaining files on the vacuumed tables.
 */
@SparkTest
class MaintenancePipelineTest {
  private static final int KEEP = 1;

  @Test
  void deletesWhatOnlyOlderManifestsNeedAndEveryKeptManifestStillReadsTheSame(@TempDir Path dir)
      throws Exception {
    SparkSession spark = PipelineHarness.spark();
    List<String> all = PipelineHarness.fixtureNames("lifecycle");
    List<String> names = all.subList(0, 18);
    List<String> late = all.subList(18, all.size());
    PipelineHarness pipeline =
        new PipelineHarness(dir).withBatchLog().add("lifecycle", names).readInOrder(names);
    assertThat(pipeline.runOnce(6).batches()).isEqualTo(3);
    ManifestLog log =
        new ManifestLog(
            new TableLocations(pipeline.tablesLocation()), spark.sessionState().newHadoopConf());
    List<BatchManifest> before = log.all();
    assertThat(before).as("the creation's manifest and one per batch").hasSize(4);
    BatchManifest oldestKept = before.get(before.size() - KEEP);
    // Batch 1 replaced files of batch 0: only batch 0's state needed them.
    BatchManifest dropped = before.get(1);
    Map<String, List<String>> atOldestKept = rows(spark, pipeline, oldestKept);

    // Delta's VACUUM takes whole hours: pretend the batches were two hours apart.
    HistoryAging.spreadCommits(pipeline.tables(), Duration.ofHours(2));
    Result result =
        new Maintenance(spark, pipeline.tablesLocation(), Clock.systemUTC())
            .run(new Retention(KEEP, Duration.ZERO, Duration.ZERO));

    assertThat(result.oldestKept()).isEqualTo(oldestKept);
    assertThat(result.manifestsKept()).isEqualTo(KEEP);
    assertThat(result.manifestsDeleted()).isEqualTo(before.size() - KEEP);
    assertThat(log.all()).containsExactly(oldestKept);
    assertThat(rows(spark, pipeline, oldestKept))
        .as("a reader of the oldest kept")
        .isEqualTo(atOldestKept);
    long filesBefore = result.tables().stream().mapToLong(TableResult::filesBefore).sum();
    long filesAfter = result.tables().stream().mapToLong(TableResult::filesAfter).sum();
    long bytesBefore = result.tables().stream().mapToLong(TableResult::bytesBefore).sum();
    long bytesAfter = result.tables().stream().mapToLong(TableResult::bytesAfter).sum();
    assertThat(filesAfter).as("files").isLessThan(filesBefore);
    assertThat(bytesAfter).as("bytes").isLessThan(bytesBefore);
    assertThat(result.tables())
        .extracting(TableResult::table)
        .hasSize(Tables.all().size() + Tables.OPERATIONAL.size());
    // What the files were needed for is gone: a deleted manifest's state no longer reads.
    assertThatThrownBy(() -> rows(spark, pipeline, dropped))
        .as("the state of batch %d, whose manifest was deleted", dropped.batchId())
        .hasMessageContaining("does not exist");

    // VACUUM adds commits of its own to every table: the pipeline goes on after them, and a
    // maintain run while a batch writes (its new files untracked until it commits, its commits
    // landing between VACUUM's own) neither fails nor takes anything of the batch.
    pipeline.add("lifecycle", late);
    Path lateBatchPlanned = pipeline.checkpoint().resolve("offsets").resolve("3");
    CompletableFuture<RunSummary> lateRun =
        CompletableFuture.supplyAsync(() -> pipeline.runOnce(late.size()));
    awaitFile(lateBatchPlanned, lateRun);
    Result during =
        new Maintenance(spark, pipeline.tablesLocation(), Clock.systemUTC())
            .run(new Retention(KEEP, Duration.ZERO, Duration.ZERO));
    assertThat(lateRun.get(10, TimeUnit.MINUTES).batches()).isEqualTo(1);
    assertThat(during.oldestKept().batchId())
        .as("maintain started while batch 3 was in flight")
        .isLessThanOrEqualTo(3);
    List<BatchManifest> after = log.all();
    assertThat(after).last().extracting(BatchManifest::batchId).isEqualTo(3L);
    JsonNode expected =
        new ObjectMapper().readTree(getClass().getResource("/fixtures/lifecycle-expected.json"));
    expected
        .get("totals")
        .fields()
        .forEachRemaining(
            total ->
                assertThat(pipeline.table(total.getKey()).count())
                    .as("%s after every event", total.getKey())
                    .isEqualTo(total.getValue().asLong()));
    pipeline.assertKeysAndForeignKeys();
  }

  /** Waits until {@code file} exists; fails at once if {@code run} ended first. */
  private static void awaitFile(Path file, CompletableFuture<?> run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(file)) {
      if (run.isDone()) {
        run.get();
        throw new AssertionError("the run ended before " + file + " appeared");
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(file + " did not appear in 5 minutes");
      }
      Thread.sleep(50);
    }
  }

  /** Every table's rows at a manifest, sorted. */
  private static Map<String, List<String>> rows(
      SparkSession spark, PipelineHarness pipeline, BatchManifest manifest) {
    ConsistentSnapshot snapshot = ConsistentSnapshot.at(spark, pipeline.tablesLocation(), manifest);
    Map<String, List<String>> rows = new TreeMap<>();
    for (TableDef def : Tables.all()) {
      rows.put(
          def.name(),
          snapshot.table(def.name()).collectAsList().stream().map(Row::toString).sorted().toList());
    }
    return rows;
  }
}
