package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.model.SellerTable;
import io.orderstream.pipeline.Pipeline;
import io.orderstream.read.ConsistentSnapshot;
import io.orderstream.sink.BatchManifest;
import io.orderstream.testing.AwsKeyProperties;
import io.orderstream.testing.ConsistencyCheck;
import io.orderstream.testing.ElasticMqServer;
import io.orderstream.testing.FaultyFileSystem;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.S3MockServer;
import io.orderstream.testing.S3Notifier;
import io.orderstream.testing.SparkTest;
import io.orderstream.tools.generate.EventWriter;
import io.orderstream.tools.generate.ExpectedState;
import io.orderstream.tools.generate.GeneratedEvent;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.SampleGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * {@code orderstream run} on storage that fails: full or unwritable tables and checkpoint folders
 * at start, and a disk that fills up in the middle of a batch, read from a folder or from S3
 * notifications on SQS (real local servers: the failed batch's messages must stay on the queue).
 * The tables and checkpoint live on {@link FaultyFileSystem}; the command runs the real pipeline on
 * the shared test session.
 */
@SparkTest
class StorageFaultTest {
  private static final String BUCKET = "storage-fault-test";
  private static final int SQS_VISIBILITY_SECONDS = 2;
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
    return run(List.of("--input", pipeline().input().toString()));
  }

  /**
   * {@code run --once} on the faulty tables and checkpoint, reading what {@code sourceArguments}
   * say.
   */
  private int run(List<String> sourceArguments) {
    IFactory factory =
        new IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            if (type == RunCommand.class) {
              return type.cast(
                  new RunCommand(
                      Map.of(),
                      dir,
                      (config, onBatch) -> new Pipeline(config, PipelineHarness.spark()).run()));
            }
            return CommandLine.defaultFactory().create(type);
          }
        };
    CommandLine cli = Main.commandLine(factory);
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "run",
                "--once",
                "--tables",
                pipeline().tablesLocation(),
                "--checkpoint",
                FaultyFileSystem.uri(dir.resolve("checkpoint"))));
    arguments.addAll(sourceArguments);
    return cli.execute(arguments.toArray(String[]::new));
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

  // ---------------------------------------------------------------- at start: exit 2, nothing
  // written

  @Test
  void fullTablesFolderAtStartExitsTwoAndWritesNothing() throws IOException {
    writeEvents();
    Files.createDirectories(dir.resolve("tables"));
    FaultyFileSystem.fill(dir.resolve("tables"));

    int exitCode = run();

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith(
            "orderstream: Invalid value for tables: '"
                + pipeline().tablesLocation()
                + "'; expected a writable location")
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
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith(
            "orderstream: Invalid value for checkpoint: '"
                + FaultyFileSystem.uri(dir.resolve("checkpoint"))
                + "'")
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
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("orderstream: The pipeline stopped with an error: ")
        .contains(FaultyFileSystem.NO_SPACE)
        .endsWith(
            "fix the cause and run again: it resumes from the checkpoint with nothing lost or doubled");
    assertThat(pipeline().table(SellerTable.NAME).count())
        .as("the batch's first tables committed")
        .isPositive();
    ConsistentSnapshot during =
        ConsistentSnapshot.latest(PipelineHarness.spark(), pipeline().tablesLocation());
    assertThat(during.batchId())
        .as("readers still see the state before the batch")
        .isEqualTo(BatchManifest.CREATED);
    assertThat(during.table(SellerTable.NAME).count()).isZero();

    FaultyFileSystem.free(dir.resolve("tables").resolve("order_item"));
    int resumed = run();

    assertThat(resumed).isZero();
    ExpectedState expected = ExpectedState.of(events);
    expected
        .totals()
        .byTable()
        .forEach(
            (table, rows) -> assertThat(pipeline().table(table).count()).as(table).isEqualTo(rows));
    pipeline().assertKeysAndForeignKeys();
    ConsistentSnapshot after =
        ConsistentSnapshot.latest(PipelineHarness.spark(), pipeline().tablesLocation());
    assertThat(after.batchId()).isZero();
    assertThat(after.versions()).isEqualTo(pipeline().versions());
    assertThat(ConsistencyCheck.violations(after::table)).isEmpty();
  }

  @Test
  void diskFullInTheMiddleOfAnSqsBatchKeepsItsMessagesAndTheRestartCompletesIt()
      throws IOException, InterruptedException {
    S3MockServer s3 = S3MockServer.shared().createBucket(BUCKET);
    Configuration hadoop = PipelineHarness.spark().sparkContext().hadoopConfiguration();
    s3.configure(hadoop);
    ElasticMqServer sqs = ElasticMqServer.shared();
    String queueUrl = sqs.createQueue("storage-fault-test", SQS_VISIBILITY_SECONDS);
    S3Notifier notifier = new S3Notifier(hadoop, BUCKET, sqs.client(), queueUrl);
    List<String> fromSqs =
        List.of(
            "--source",
            "sqs",
            "--queue-url",
            queueUrl,
            "--sqs-endpoint",
            sqs.endpoint(),
            "--sqs-region",
            S3MockServer.REGION,
            "--input",
            "s3a://" + BUCKET + "/incoming/");
    // The pipeline's SQS client takes its keys from the AWS chain; the test JVM cannot set
    // environment variables.
    try (AwsKeyProperties keys = AwsKeyProperties.setLocal()) {
      assertThat(run(fromSqs)).as("creates the tables, nothing on the queue yet: %s", err).isZero();
      List<GeneratedEvent> events = SampleGenerator.generate(GeneratorSpec.of(3, 5));
      List<Path> files = EventWriter.write(events, dir.resolve("staged"));
      files.forEach(file -> notifier.upload(BUCKET, "incoming/" + file.getFileName(), file));
      FaultyFileSystem.fill(dir.resolve("tables").resolve("order_item"));

      int failed = run(fromSqs);

      assertThat(failed).isEqualTo(1);
      assertThat(err.toString().lines())
          .singleElement()
          .asString()
          .startsWith("orderstream: The pipeline stopped with an error: ")
          .contains(FaultyFileSystem.NO_SPACE);
      assertThat(notifier.messagesLeft())
          .as("no message is deleted before its batch is in every table")
          .isEqualTo(files.size());

      FaultyFileSystem.free(dir.resolve("tables").resolve("order_item"));
      // The failed run's messages stay invisible for their timeout; the restart reads its batch
      // from the checkpoint.
      Thread.sleep((SQS_VISIBILITY_SECONDS + 1) * 1000L);
      int resumed = run(fromSqs);

      assertThat(resumed).as("%s", err).isZero();
      ExpectedState expected = ExpectedState.of(events);
      expected
          .totals()
          .byTable()
          .forEach(
              (table, rows) ->
                  assertThat(pipeline().table(table).count()).as(table).isEqualTo(rows));
      pipeline().assertKeysAndForeignKeys();
      assertThat(notifier.messagesLeft()).as("messages left on the queue").isZero();
    }
  }
}
