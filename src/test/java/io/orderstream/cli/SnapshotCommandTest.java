package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.sink.BatchManifest;
import io.orderstream.sink.ManifestLog;
import io.orderstream.sink.TableLocations;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orderstream snapshot} on a folder of manifests written by {@link ManifestLog} (no Spark).
 */
class SnapshotCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int snapshot(String... args) {
    return StandInCli.execute(
        SnapshotCommand.class,
        () -> new SnapshotCommand(dir, Configuration::new),
        out,
        err,
        "snapshot",
        args);
  }

  @Test
  void snapshotPrintsTheNewestBatchAndEachTablesVersionAsSql() throws IOException {
    Path tables = dir.resolve("warehouse");
    ManifestLog log = new ManifestLog(new TableLocations(tables.toString()), new Configuration());
    log.write(
        new BatchManifest(
            6,
            "app",
            Instant.parse("2024-03-01T10:00:00Z"),
            Map.of("order_item", 6L, "seller", 4L)));
    log.write(
        new BatchManifest(
            7,
            "app",
            Instant.parse("2024-03-01T10:00:05Z"),
            Map.of("order_item", 7L, "seller", 4L)));

    int exitCode = snapshot("--tables", "warehouse");

    assertThat(exitCode).isZero();
    assertThat(out.toString().lines())
        .containsExactly(
            "batch 7, committed 2024-03-01T10:00:05Z",
            "order_item      7  delta.`" + tables + "/order_item` VERSION AS OF 7",
            "seller          4  delta.`" + tables + "/seller` VERSION AS OF 4");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void missingTablesFolderExitsTwo() {
    assertThat(snapshot("--tables", "nowhere")).isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly(
            "orderstream: Invalid value for --tables: '"
                + dir.resolve("nowhere")
                + "'; expected the tables location of a pipeline that has created its tables,"
                + " but it does not exist");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void tablesFolderWithoutManifestExitsTwo() throws IOException {
    Files.createDirectories(dir.resolve("tables/order_item"));

    assertThat(snapshot("--tables", "tables")).isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .contains("has no manifest in " + ManifestLog.FOLDER);
  }
}
