package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.model.OrderItemTable;
import io.orderstream.testing.ChildPipeline;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch that fails in a real {@code orderstream run} process: the console shows one {@code
 * orderstream:} line and no trace, neither ours nor Spark's.
 */
@SparkTest
class FailureReportPipelineTest {
  @TempDir Path dir;

  // ---------------------------------------------------------------- a real process: everything on
  // stderr

  @Test
  void batchFailingOnBrokenTableShowsOneLineAndNoTraceOnTheConsole() throws Exception {
    PipelineHarness pipeline = new PipelineHarness(dir);
    pipeline.runOnce();
    pipeline.add("lifecycle", List.of("WOZ1830024297368_3.json"));
    // A table whose log no longer parses: a storage failure in the middle of the batch.
    Path log = pipeline.tables().resolve(OrderItemTable.NAME).resolve("_delta_log");
    try (Stream<Path> commits = Files.list(log)) {
      for (Path commit : commits.filter(p -> p.toString().endsWith(".json")).toList()) {
        Files.writeString(commit, "{ not a commit\n");
      }
    }

    ChildPipeline child =
        ChildPipeline.start(
            dir.resolve("run.log"),
            List.of(
                "--input",
                pipeline.input().toString(),
                "--tables",
                pipeline.tables().toString(),
                "--checkpoint",
                pipeline.checkpoint().toString()));
    int exitCode = child.exitCode();

    String console = child.log();
    assertThat(exitCode).as(console).isEqualTo(1);
    assertThat(console.lines().filter(line -> line.startsWith("orderstream:")))
        .as(console)
        .singleElement()
        .asString()
        // the broken log is read at start (table upgrades) or inside the batch: either way one line
        // naming it
        .contains("order_item/_delta_log")
        .contains("run again");
    assertThat(console.lines())
        .as(console)
        .noneMatch(line -> line.startsWith("\tat ") || line.contains("\tat "))
        .noneMatch(line -> line.contains(" ERROR "));
  }
}
