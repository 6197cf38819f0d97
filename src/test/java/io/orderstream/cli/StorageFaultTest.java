package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.tools.generate.EventWriter;
import io.orderstream.tools.generate.ExpectedState;
import io.orderstream.tools.generate.GeneratedEvent;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.SampleGenerator;
import io.orderstream.model.SellerTable;
import io.orderstream.pipeline.Pipeline;
import io.orderstream.read.ConsistentSnapshot;
import io.orderstream.sink.BatchManifest;
import io.orderstream.testing.ConsistencyCheck;
import io.orderstream.testing.FaultyFileSystem;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * {@code orderstream run} on storage that fails: full or unwritable tables and checkpoint folders
 * at start, and a disk that fills up in the middle of a batch. The tables and checkpoint live on
 * {@link FaultyFileSystem}; the command runs the real pipeline on the shared test session.
 */
@SparkTest
class StorageFaultTest {
  @TempDir Path dir;

  private final StringWriter err = new StringWriter();
  private PipelineHarness pipeline;

  @BeforeAll
  static void registerFileSystem() {
    FaultyFileSystem.register(PipelineHarness.spark());
  }

  @AfterEach
  void freeDisk() {
    FaultyFileSystem.free(dir);
    FaultyFileSystem.free(dir.resolve("tables"));
    FaultyFileSystem.free(dir.resolve("checkpoint"));
    FaultyFileSystem.free(dir.resolve("tables").resolve("order_item"));
  }

  // ---------------------------------------------------------------- fixtures

  private PipelineHarness pipeline() {
    if (pipeline == null) {
      pipeline = new PipelineHarness(dir, FaultyFileSystem::uri);
    }
    return pipeline;
  }

  private int run() {
    IFactory factory = new IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        if (type == RunCommand.class) {
          return type.cast(new RunCommand(Map.of(), dir, config -> new Pipeline(config, PipelineHarness.spark()).run()));
        }
        return CommandLine.defaultFactory().create(type);
      }
    };
    CommandLine cli = Main.commandLine(factory);
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute("run", "--once", "--input", pipeline().input().toString(), "--tables", pipeline().tablesLocation(),
        "--checkpoint", FaultyFileSystem.uri(dir.resolve("checkpoint")));
  }

  private List<GeneratedEvent> writeEvents() {
    List<GeneratedEvent> events = SampleGenerator.generate(GeneratorSpec.of(3, 5));
    EventWriter.write(events, pipeline().input());
    return events;
  }

  private static List<String> filesUnder(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).map(Path::toString).toList();
    }
  }

  // ---------------------------------------------------------------- at start: exit 2, nothing written

  @Test
  void fullTablesFolderAtStartExitsTwoAndWritesNothing() throws IOException {
    writeEvents();
    Files.createDirectories(dir.resolve("tables"));
    FaultyFileSystem.fill(dir.resolve("tables"));

    int exitCode = run();

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString()
        .startsWith("orderstream: Invalid value for tables: '" + pipeline().tablesLocation() + "'; expected a writable location")
        .contains(FaultyFileSystem.NO_SPACE);
    assertThat(filesUnder(dir.resolve("tables"))).isEmpty();
    assertThat(filesUnder(dir.resolve("checkpoint"))).isEmpty();
  }

  @Test
  void unwritableCheckpointAtStartExitsTwoBeforeAnyTableIsCreated() throws IOException {
    writeEvents();
    FaultyFileSystem.fill(dir.resolve("checkpoint"));

    int exitCode = run();

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString()
        .startsWith("orderstream: Invalid value for checkpoint: '" + FaultyFileSystem.uri(dir.resolve("checkpoint")) + "'")
        .contains(FaultyFileSystem.NO_SPACE);
    assertThat(filesUnder(dir.resolve("tables"))).isEmpty();
  }

  // ---------------------------------------------------------------- in a batch: exit 1, resume

  @Test
  void diskFullInTheMiddleOfABatchHidesTheBatchAndTheRestartCompletesIt() {
    assertThat(run()).as("creates the tables, no input yet: %s", err).isZero();
    List<GeneratedEvent> events = writeEvents();
    // Dimensions commit first; order_item is written in the phase after them.
    FaultyFileSystem.fill(dir.resolve("tables").resolve("order_item"));

    int failed = run();

    assertThat(failed).isEqualTo(1);
    assertThat(err.toString().lines()).singleElement().asString()
        .startsWith("orderstream: The pipeline stopped with an error: ")
        .contains(FaultyFileSystem.NO_SPACE)
        .endsWith("fix the cause and run again: it resumes from the checkpoint with nothing lost or doubled");
    assertThat(pipeline().table(SellerTable.NAME).count()).as("the batch's first tables committed").isPositive();
    ConsistentSnapshot during = ConsistentSnapshot.latest(PipelineHarness.spark(), pipeline().tablesLocation());
    assertThat(during.batchId()).as("readers still see the state before the batch").isEqualTo(BatchManifest.CREATED);
    assertThat(during.table(SellerTable.NAME).count()).isZero();

    FaultyFileSystem.free(dir.resolve("tables").resolve("order_item"));
    int resumed = run();

    assertThat(resumed).isZero();
    ExpectedState expected = ExpectedState.of(events);
    expected.totals().byTable().forEach((table, rows) ->
        assertThat(pipeline().table(table).count()).as(table).isEqualTo(rows));
    pipeline().assertKeysAndForeignKeys();
    ConsistentSnapshot after = ConsistentSnapshot.latest(PipelineHarness.spark(), pipeline().tablesLocation());
    assertThat(after.batchId()).isZero();
    assertThat(after.versions()).isEqualTo(pipeline().versions());
    assertThat(ConsistencyCheck.violations(after::table)).isEmpty();
  }
}
