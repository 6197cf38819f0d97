package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.sink.ManifestLog;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orderstream maintain}'s usage errors: each is exit 2 naming the option, the value and what
 * is expected, and none deletes anything. What it deletes and keeps is MaintenancePipelineTest's.
 */
@SparkTest
class MaintainCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int maintain(String... args) {
    return StandInCli.execute(
        MaintainCommand.class,
        () ->
            new MaintainCommand(
                Map.of(), dir, SparkSessionSource.existing(PipelineHarness.spark())),
        out,
        err,
        "maintain",
        args);
  }

  @Test
  void missingTablesFolderExitsTwo() {
    Path nowhere = dir.resolve("nowhere");

    assertThat(maintain("--tables", nowhere.toString())).isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly(
            "orderstream: Invalid value for --tables: '"
                + nowhere
                + "'; expected an existing folder of orderstream tables (the --tables of a run)");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void keepingNoManifestExitsTwo() throws IOException {
    Files.createDirectories(dir.resolve("tables"));

    assertThat(maintain("--tables", dir.resolve("tables").toString(), "--keep-manifests", "0"))
        .isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly(
            "orderstream: Invalid value for --keep-manifests: '0'; expected a whole number of 1 or"
                + " more");
  }

  @Test
  void negativeHoursExitTwo() throws IOException {
    Files.createDirectories(dir.resolve("tables"));

    assertThat(maintain("--tables", dir.resolve("tables").toString(), "--keep-hours", "-1"))
        .isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly(
            "orderstream: Invalid value for --keep-hours: '-1.0'; expected a number of hours, 0 or"
                + " more");
  }

  @Test
  void aFolderWithoutManifestsExitsTwoAndDeletesNothing() throws IOException {
    Path stray =
        Files.createDirectories(dir.resolve("tables/order_item")).resolve("part-0.parquet");
    Files.writeString(stray, "not ours to delete");

    assertThat(maintain("--tables", dir.resolve("tables").toString())).isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("orderstream: Invalid value for --tables: '" + dir.resolve("tables") + "'")
        .contains("no manifest");
    assertThat(stray).hasContent("not ours to delete");
    assertThat(dir.resolve("tables").resolve(ManifestLog.FOLDER)).doesNotExist();
  }
}
