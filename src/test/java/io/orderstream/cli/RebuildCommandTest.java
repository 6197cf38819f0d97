package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.model.OrderEventTable;
import io.orderstream.pipeline.EventHistory;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orderstream rebuild} from the command line: what it prints, and its usage errors, each
 * exit 2 naming the option, the value and what is expected, none writing anything. What a rebuild
 * derives is StatusHistoryPipelineTest's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SparkTest
class RebuildCommandTest {
  private static final String ORDER = "WOZ1830024297368";

  private Path dir;
  private PipelineHarness pipeline;
  private StringWriter out;
  private StringWriter err;

  @BeforeAll
  void runOneOrder(@TempDir Path dir) {
    this.dir = dir;
    pipeline =
        new PipelineHarness(dir.resolve("run"))
            .add(
                "lifecycle",
                PipelineHarness.fixtureNames("lifecycle").stream()
                    .filter(n -> n.startsWith(ORDER))
                    .toList());
    pipeline.runOnce();
  }

  private int rebuild(Map<String, String> environment, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return StandInCli.execute(
        RebuildCommand.class,
        () ->
            new RebuildCommand(
                environment, dir, SparkSessionSource.existing(PipelineHarness.spark())),
        out,
        err,
        "rebuild",
        args);
  }

  @Test
  void rebuildsIntoANewFolderAndPrintsEachTable() {
    Path into = dir.resolve("rebuilt");

    assertThat(rebuild(Map.of(), "--tables", pipeline.tablesLocation(), "--into", into.toString()))
        .isZero();

    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("Rebuilt into " + into + " from 5 stored events.");
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("order_status_history +5"));
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("order_item +1"));
    assertThat(err.toString()).isEmpty();
    assertThat(Files.isDirectory(into.resolve(OrderEventTable.NAME))).isTrue();
  }

  @Test
  void aMissingTablesFolderExitsTwo() {
    Path nowhere = dir.resolve("nowhere");

    assertThat(rebuild(Map.of(), "--tables", nowhere.toString())).isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly(
            "orderstream: Invalid value for --tables: '"
                + nowhere
                + "'; expected an existing folder of orderstream tables (the --tables of a run)");
  }

  @Test
  void aFolderThatHoldsTablesIsNoPlaceToRebuildInto() {
    Path other = dir.resolve("other");
    new PipelineHarness(other).add("lifecycle", List.of(ORDER + "_1.json")).runOnce();

    assertThat(
            rebuild(
                Map.of(),
                "--tables",
                pipeline.tablesLocation(),
                "--into",
                other.resolve("tables").toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "orderstream: Invalid value for --into: '"
                + other.resolve("tables")
                + "'; expected a folder without tables, but it holds some");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void anUnknownPersonalColumnsModeExitsTwo() {
    assertThat(
            rebuild(
                Map.of(),
                "--tables",
                pipeline.tablesLocation(),
                "--into",
                dir.resolve("never").toString(),
                "--personal-columns",
                "blur"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--personal-columns").contains("'blur'");
    assertThat(Files.exists(dir.resolve("never"))).isFalse();
  }

  @Test
  void anotherModeThanTheTablesIsRefusedInPlace() {
    assertThat(
            rebuild(
                Map.of("ORDERSTREAM_PERSONAL_COLUMNS", "drop"),
                "--tables",
                pipeline.tablesLocation()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("customer").contains("drop");
  }

  @Test
  void theHistorySettingMustBeTrueOrFalse() throws IOException {
    PipelineHarness.spark().conf().set(EventHistory.ENABLED_CONF, "sometimes");
    try {
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> EventHistory.enabledIn(PipelineHarness.spark())))
          .hasMessage(
              "Invalid value for spark.orderstream.history.enabled: 'sometimes'; expected true or"
                  + " false");
    } finally {
      PipelineHarness.spark().conf().unset(EventHistory.ENABLED_CONF);
    }
  }
}
