package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.model.BatchLogTable;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across restarts: a restart with nothing new and a batch replayed after a crash (its
 * commit to the checkpoint lost) leave every table exactly as it was, not one Delta commit more.
 */
@SparkTest
class ReplayPipelineTest {
  private static final List<String> FIRST =
      List.of(
          "TGT7001967462207_1.json",
          "TGT7001967462207_3.json",
          "TGT7001967462207_5.json",
          "WOZ1830024297368_1.json",
          "WOZ1830024297368_9.json");
  private static final List<String> SECOND =
      List.of(
          "TGT7001967462207_2.json",
          "TGT7001967462207_4.json",
          "TGT7001967462207_6.json",
          "WOZ1830024297368_3.json",
          "WOZ1830024297368_4.json");

  /**
   * One pipeline for both cases, a restart with nothing new after the first batch and the second
   * batch replayed: each fresh pipeline costs seconds of table creation and a first batch.
   */
  @Test
  void restartWithoutNewFilesCommitsNothingAndBatchReplayedAfterLostCheckpointCommitChangesNothing(
      @TempDir Path dir) throws IOException {
    PipelineHarness pipeline = new PipelineHarness(dir).withBatchLog().add("lifecycle", FIRST);
    List<BatchReport> reports = new ArrayList<>();
    pipeline.runOnce(1000, reports::add);
    assertThat(reports).hasSize(1);
    Map<String, Long> afterFirst = pipeline.versions();
    Map<String, List<String>> firstTables = pipeline.snapshot();

    RunSummary again = pipeline.runOnce();

    assertThat(again.batches()).as("a restart without new files runs no batch").isZero();
    assertThat(pipeline.versions()).as("nor commits anything").isEqualTo(afterFirst);
    assertThat(pipeline.snapshot()).isEqualTo(firstTables);

    pipeline.add("lifecycle", SECOND);
    pipeline.runOnce();
    Map<String, Long> versions = pipeline.versions();
    Map<String, List<String>> tables = pipeline.snapshot();

    // A crash after the tables were written but before Spark recorded the batch as done.
    Files.delete(pipeline.checkpoint().resolve("commits").resolve("1"));
    Files.deleteIfExists(pipeline.checkpoint().resolve("commits").resolve(".1.crc"));
    RunSummary replay = pipeline.runOnce();

    assertThat(replay.batches()).as("the lost batch runs again").isEqualTo(1);
    assertThat(pipeline.versions()).as("no table got a new commit").isEqualTo(versions);
    assertThat(pipeline.snapshot()).isEqualTo(tables);
    pipeline.assertKeysAndForeignKeys();
    assertBatchLogHasOneRowPerBatch(pipeline, reports.get(0));
  }

  /** The batch log's rows, once per batch although batch 1 ran twice, and what they say. */
  private static void assertBatchLogHasOneRowPerBatch(
      PipelineHarness pipeline, BatchReport firstReport) {
    List<Row> log = pipeline.table(BatchLogTable.NAME).orderBy("batch_id").collectAsList();
    assertThat(log).extracting(r -> r.<Long>getAs("batch_id")).containsExactly(0L, 1L);
    for (Row row : log) {
      assertThat(row.<Long>getAs("inputs")).isEqualTo(FIRST.size());
      assertThat(row.<Long>getAs("events")).isEqualTo(FIRST.size());
      assertThat(row.<Long>getAs("quarantined")).isZero();
      assertThat(row.<String>getAs("source")).contains(pipeline.input().getFileName().toString());
      assertThat(row.<java.sql.Timestamp>getAs("ended_at"))
          .isAfterOrEqualTo(row.<java.sql.Timestamp>getAs("started_at"));
      Map<String, Long> phases = row.getJavaMap(row.fieldIndex("phase_ms"));
      assertThat(phases)
          .containsKeys("decode", "change_detection", "write:order_item", "manifest")
          .allSatisfy((phase, millis) -> assertThat(millis).as(phase).isNotNegative());
      assertThat(row.<Long>getAs("duration_ms")).isGreaterThanOrEqualTo(phases.get("manifest"));
      assertThat(row.<Long>getAs("inputs_waiting")).as("each run read every file").isZero();
      assertThat(row.<Long>getAs("oldest_input_age_ms"))
          .as("from the files' modification times")
          .isNotNull()
          .isNotNegative();
    }
    Row first = log.get(0);
    Map<String, Row> rows = first.getJavaMap(first.fieldIndex("rows_written"));
    assertThat(rows.keySet())
        .as("tables the first batch wrote")
        .isEqualTo(firstReport.rowsWritten().keySet());
    firstReport
        .rowsWritten()
        .forEach(
            (table, written) ->
                assertThat(
                        List.of(
                            rows.get(table).<Long>getAs("inserted"),
                            rows.get(table).<Long>getAs("updated"),
                            rows.get(table).<Long>getAs("deleted")))
                    .as(table)
                    .containsExactly(written.inserted(), written.updated(), written.deleted()));
  }
}
