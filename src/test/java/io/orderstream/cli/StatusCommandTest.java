package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderstream.model.Tables;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orderstream status} on the tables of one real batch (five events and one broken file, the
 * broken one a day old): text, JSON, a batch stuck in flight, a pipeline idle while files wait, and
 * its usage errors.
 */
@SparkTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusCommandTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  private Path dir;
  private PipelineHarness pipeline;

  private StringWriter out;
  private StringWriter err;

  @BeforeAll
  void runOneBatch(@TempDir Path dir) throws IOException {
    this.dir = dir;
    pipeline =
        new PipelineHarness(dir)
            .withBatchLog()
            .add("lifecycle", PipelineHarness.fixtureNames("lifecycle").subList(0, 5))
            .write("broken.json", "{\"cod_pedi\": ");
    Files.setLastModifiedTime(
        pipeline.input().resolve("broken.json"),
        FileTime.from(Instant.now().minus(Duration.ofDays(1))));
    assertThat(pipeline.runOnce().batches()).isEqualTo(1);
  }

  private int status(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return StandInCli.execute(
        StatusCommand.class,
        () ->
            new StatusCommand(
                Map.of(),
                dir,
                SparkSessionSource.existing(PipelineHarness.spark()),
                Clock.fixed(NOW, ZoneOffset.UTC)),
        out,
        err,
        "status",
        args);
  }

  /**
   * Status of the pipeline's tables and checkpoint, counting the files waiting in {@code input}.
   */
  private int statusWithInput(Path input) {
    return status(
        "--tables",
        pipeline.tables().toString(),
        "--checkpoint",
        pipeline.checkpoint().toString(),
        "--input",
        input.toString());
  }

  @Test
  void textShowsTheBatchTheQuarantineAndEveryTable() {
    int exitCode =
        status(
            "--tables",
            pipeline.tables().toString(),
            "--checkpoint",
            pipeline.checkpoint().toString());

    assertThat(exitCode).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines)
        .contains(
            "Checkpoint: no batch in flight",
            "Inputs waiting: 0 (when batch 0 committed)",
            "Quarantine: truncated 1",
            "Healthy.");
    assertThat(lines)
        .as("batch, ended, inputs, events, quarantined, orders, ms, waiting, oldest age")
        .anyMatch(line -> line.matches("  0 +\\S+Z +6 +5 +1 +\\d+ +\\d+ +0 +(24|25) h"));
    for (String table : List.of("order_item", "quarantine", "batch_log")) {
      assertThat(lines).as(table).anyMatch(line -> line.startsWith("  " + table + " "));
    }
    assertThat(lines)
        .filteredOn(line -> line.startsWith("  order_item "))
        .singleElement()
        .asString()
        .contains(" " + pipeline.table("order_item").count() + " ");
  }

  @Test
  void jsonHasTheSameFacts() throws IOException {
    assertThat(status("--tables", pipeline.tables().toString(), "--json")).isZero();

    JsonNode status = new ObjectMapper().readTree(out.toString());
    assertThat(status.get("healthy").asBoolean()).isTrue();
    assertThat(status.get("newest_manifest").get("batch_id").asLong()).isZero();
    assertThat(status.get("last_batches")).hasSize(1);
    JsonNode batch = status.get("last_batches").get(0);
    assertThat(batch.get("inputs").asLong()).isEqualTo(6);
    assertThat(batch.get("inputs_waiting").asLong()).isZero();
    assertThat(batch.get("oldest_input_age_ms").asLong())
        .as("the day-old broken file's wait, to the batch's end")
        .isBetween(DAY_MS, DAY_MS + Duration.ofMinutes(10).toMillis());
    assertThat(status.get("inputs_waiting").get("count").asLong()).isZero();
    assertThat(batch.get("phase_ms").has("write:order_item")).as(batch.toString()).isTrue();
    assertThat(status.get("quarantine_by_reason").get("truncated").asLong()).isEqualTo(1);
    assertThat(status.get("tables")).hasSize(Tables.all().size() + Tables.OPERATIONAL.size());
    for (JsonNode table : status.get("tables")) {
      assertThat(table.get("rows").asLong())
          .as(table.get("table").asText())
          .isEqualTo(pipeline.table(table.get("table").asText()).count());
    }
  }

  @Test
  void aBatchStartedLongAgoAndNotCommittedIsUnhealthy() throws IOException {
    Path checkpoint = dir.resolve("stuck-checkpoint");
    Files.createDirectories(checkpoint.resolve("offsets"));
    Files.createDirectories(checkpoint.resolve("commits"));
    Files.writeString(checkpoint.resolve("offsets/0"), "v1");
    Files.writeString(checkpoint.resolve("commits/0"), "v1");
    Path started = Files.writeString(checkpoint.resolve("offsets/1"), "v1");
    Files.setLastModifiedTime(started, FileTime.from(NOW.minusSeconds(3600)));

    int exitCode =
        status(
            "--tables",
            pipeline.tables().toString(),
            "--checkpoint",
            checkpoint.toString(),
            "--stale-after",
            "30m");

    assertThat(exitCode).isEqualTo(1);
    assertThat(out.toString().lines())
        .contains(
            "Checkpoint: batch 1 in flight since " + NOW.minusSeconds(3600),
            "UNHEALTHY: batch 1 started "
                + NOW.minusSeconds(3600)
                + " (60 min ago) and has not committed: it failed or is stuck; see the run's log");
    assertThat(
            status(
                "--tables",
                pipeline.tables().toString(),
                "--checkpoint",
                checkpoint.toString(),
                "--stale-after",
                "2h"))
        .as("within --stale-after")
        .isZero();
  }

  @Test
  void noBatchForLongerThanStaleAfterWhileFilesWaitIsUnhealthy() throws IOException {
    Path late = pipeline.input().resolve("late event.json");
    Files.writeString(late, "{}");
    try {
      assertThat(statusWithInput(pipeline.input())).as(err.toString()).isEqualTo(1);
      assertThat(out.toString().lines())
          .contains("Inputs waiting: 1 (listed now)")
          .anyMatch(
              line ->
                  line.startsWith("UNHEALTHY: no batch has committed for ")
                      && line.contains("while 1 inputs wait (listed now)"));
    } finally {
      Files.delete(late);
    }
    assertThat(statusWithInput(pipeline.input())).as("idle, but nothing waits: " + out).isZero();
    assertThat(out.toString().lines()).contains("Inputs waiting: 0 (listed now)");
  }

  @Test
  void usageErrorsExitTwoBeforeReadingAnyTable() throws IOException {
    assertThat(status("--tables", pipeline.tables().toString(), "--input", dir.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--input").contains("--checkpoint as well");
    assertThat(statusWithInput(dir.resolve("no-such-input"))).isEqualTo(2);
    assertThat(err.toString()).contains("--input").contains("expected an existing folder");

    assertThat(status("--tables", dir.resolve("nowhere").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--tables").contains("nowhere");

    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(status("--tables", empty.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("has no manifest");

    assertThat(status("--tables", pipeline.tables().toString(), "--stale-after", "soon"))
        .isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly(
            "orderstream: Invalid value for --stale-after: 'soon'; expected a duration such as"
                + " 90s, 10m or 1h");
  }
}
