package io.orderstream.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.orderstream.cli.CheckCommandLine;
import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.error.Errors;
import io.orderstream.error.OrderstreamException;
import io.orderstream.pipeline.BatchReport;
import io.orderstream.pipeline.Pipeline;
import io.orderstream.pipeline.RunSummary;
import io.orderstream.testing.KafkaBroker;
import io.orderstream.testing.LifecycleReference;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --source kafka} against a real broker (Apache Kafka 3.9.1, KRaft, its own JVM): the
 * lifecycle fixture spread over three partitions ends in the same tables as through the folder
 * source; bad records are quarantined with their reason while the stream goes on; records deleted
 * before they were read stop the run unless told otherwise; bad settings are exit 2 naming the
 * setting.
 */
@SparkTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaPipelineTest {
  private static final String LIFECYCLE = "lifecycle";

  /** A lifecycle event: one order's whole event, about 8 KB. */
  private static final String ONE_EVENT = "WOZ1830024297368_3.json";

  @TempDir static Path dir;
  private KafkaBroker broker;

  @BeforeAll
  void startBroker() {
    broker = KafkaBroker.start(dir.resolve("broker"));
  }

  @AfterAll
  void stopBroker() {
    broker.stop();
  }

  // ---------------------------------------------------------------- exactly once, end state

  @Test
  void lifecycleOverThreePartitionsEndsInTheFolderSourcesTables() throws IOException {
    broker.createTopic(LIFECYCLE, 3);
    List<String> names = new ArrayList<>(PipelineHarness.fixtureNames(LIFECYCLE));
    Collections.shuffle(names, new Random(7));
    try (KafkaProducer<String, byte[]> producer = broker.producer()) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        sent.add(
            producer.send(new ProducerRecord<>(LIFECYCLE, i % 3, null, fixture(names.get(i)))));
      }
      // Every record acknowledged before the run: a lost send would look like a lost record.
      for (java.util.concurrent.Future<?> f : sent) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException
        | InterruptedException e) {
      throw new IllegalStateException("the lifecycle records were not all acknowledged", e);
    }

    // 13 records a batch: the 26 records take two batches or more, offsets resumed from the
    // checkpoint
    List<BatchReport> reports = new ArrayList<>();
    RunSummary summary =
        new Pipeline(
                kafka(LIFECYCLE, "lifecycle-run").with(Setting.MAX_RECORDS_PER_TRIGGER, 13L),
                PipelineHarness.spark())
            .onBatch(reports::add)
            .run();

    assertThat(summary.batches()).isGreaterThan(1);
    long read = 0;
    for (BatchReport report : reports) {
      read += report.inputs();
      assertThat(report.inputsWaiting())
          .as("records behind the partitions' ends after batch %d", report.batchId())
          .hasValue(names.size() - read);
    }
    StringWriter out = new StringWriter();
    int exit =
        check(
            out,
            "--tables",
            tables("lifecycle-run").toString(),
            "--same-as",
            LifecycleReference.tables().toString());
    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString()).containsPattern("All \\d+ checks passed");
    assertThat(table("lifecycle-run", "order_event_latest").select("source").collectAsList())
        .extracting(r -> r.getString(0))
        .allMatch(source -> source.matches("lifecycle/[0-2]/\\d+"));
    assertThat(run(kafka(LIFECYCLE, "lifecycle-run")).batches())
        .as("a second run finds nothing new")
        .isZero();
  }

  // ---------------------------------------------------------------- bad records

  @Test
  void badRecordsAreQuarantinedWithTheirReasonAndTheStreamGoesOn() throws IOException {
    broker.createTopic("mixed", 1);
    broker.send("mixed", 0, null, "orders, not JSON".getBytes(StandardCharsets.UTF_8));
    broker.send(
        "mixed", 0, null, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
    broker.send("mixed", 0, "tombstone-key", null);
    broker.send("mixed", 0, null, padded(fixture(ONE_EVENT), 20_000));
    broker.send("mixed", 0, null, fixture(ONE_EVENT));
    RunConfig config = kafka("mixed", "mixed-run").with(Setting.MAX_INPUT_SIZE, 16_000L);

    run(config);

    Map<String, String> reasonBySource = new HashMap<>();
    table("mixed-run", "quarantine")
        .collectAsList()
        .forEach(row -> reasonBySource.put(row.getAs("source"), row.getAs("reason")));
    assertThat(reasonBySource)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "mixed/0/0",
                "not-json",
                "mixed/0/1",
                "not-utf8",
                "mixed/0/2",
                "empty",
                "mixed/0/3",
                "too-large"));
    assertThat(
            table("mixed-run", "quarantine")
                .where("source = 'mixed/0/3'")
                .first()
                .<String>getAs("detail"))
        .contains("20000 bytes")
        .contains("max-input-size");
    assertThat(table("mixed-run", "order_event_latest").select("source").first().getString(0))
        .isEqualTo("mixed/0/4");

    broker.send("mixed", 0, null, fixture("NSB7087517859962_ab.json"));
    run(config);

    assertThat(table("mixed-run", "order_event_latest").count())
        .as("the stream went on")
        .isEqualTo(2);
    assertThat(table("mixed-run", "quarantine").count())
        .as("nothing quarantined twice")
        .isEqualTo(4);
  }

  // ---------------------------------------------------------------- data loss

  @Test
  void recordsDeletedBeforeTheyWereReadStopTheRunUnlessFailOnDataLossIsFalse() throws IOException {
    broker.createTopic("retention", 1);
    broker.send("retention", 0, null, fixture(ONE_EVENT));
    RunConfig config = kafka("retention", "retention-run");
    run(config);
    broker.send("retention", 0, null, fixture("NSB7087517859962_ab.json"));
    broker.send("retention", 0, null, fixture("NSB7087517859962_ac.json"));
    broker.deleteRecordsBefore(
        "retention", 0, 3); // as retention would: offsets 1 and 2, never read

    OrderstreamException lost = catchThrowableOfType(OrderstreamException.class, () -> run(config));

    assertThat(lost.exitCode()).isEqualTo(Errors.EXIT_FAILURE);
    assertThat(lost.getMessage())
        .contains("retention-0")
        .contains("[1, 3)")
        .contains("kafka-fail-on-data-loss=false");
    broker.send("retention", 0, null, fixture("TGT7001967462207_1.json"));

    run(config.with(Setting.KAFKA_FAIL_ON_DATA_LOSS, false));

    assertThat(table("retention-run", "order_event_latest").select("source").collectAsList())
        .extracting(r -> r.getString(0))
        .as("the lost records skipped, the next one read")
        .containsExactlyInAnyOrder("retention/0/0", "retention/0/3");
  }

  // ---------------------------------------------------------------- bad configuration

  @Test
  void unreachableBrokerIsExitTwoNamingTheSettingWithinThirtySeconds() throws IOException {
    String nobody;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobody = "127.0.0.1:" + socket.getLocalPort();
    }
    long start = System.nanoTime();

    OrderstreamException error =
        failure(kafka("any", "unreachable").with(Setting.KAFKA_BOOTSTRAP_SERVERS, nobody));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(error.exitCode()).isEqualTo(Errors.EXIT_USAGE);
    assertThat(error.getMessage()).contains("kafka-bootstrap-servers").contains(nobody);
    assertThat(tables("unreachable")).as("nothing written").doesNotExist();
  }

  @Test
  void missingTopicOrPatternMatchingNoneIsExitTwoNamingTheSetting() {
    OrderstreamException topic = failure(kafka("no-such-topic", "missing"));
    OrderstreamException pattern =
        failure(kafka("", "missing").with(Setting.KAFKA_TOPIC_PATTERN, "no-such-.*"));

    assertThat(topic.exitCode()).isEqualTo(Errors.EXIT_USAGE);
    assertThat(topic.getMessage()).contains("kafka-topic").contains("no-such-topic");
    assertThat(pattern.exitCode()).isEqualTo(Errors.EXIT_USAGE);
    assertThat(pattern.getMessage()).contains("kafka-topic-pattern").contains("no-such-.*");
  }

  @Test
  void topicAndPatternTogetherOrNeitherOrAReservedClientSettingIsExitTwo() {
    OrderstreamException both =
        failure(kafka("a", "both").with(Setting.KAFKA_TOPIC_PATTERN, "a.*"));
    OrderstreamException neither = failure(kafka("", "neither"));

    assertThat(both.exitCode()).isEqualTo(Errors.EXIT_USAGE);
    assertThat(both.getMessage()).contains("kafka-topic").contains("kafka-topic-pattern");
    assertThat(neither.exitCode()).isEqualTo(Errors.EXIT_USAGE);
    assertThat(neither.getMessage()).contains("kafka-topic").contains("kafka-topic-pattern");
  }

  // ---------------------------------------------------------------- helpers

  private RunConfig kafka(String topic, String name) {
    return new RunConfig(
            "samples/events",
            tables(name).toString(),
            dir.resolve(name).resolve("checkpoint").toString(),
            true,
            Duration.ofSeconds(1),
            1000,
            "local[2]",
            Map.of())
        .with(Setting.SOURCE, "kafka")
        .with(Setting.KAFKA_BOOTSTRAP_SERVERS, broker.bootstrapServers())
        .with(Setting.KAFKA_TOPIC, topic);
  }

  private static RunSummary run(RunConfig config) {
    return new Pipeline(config, PipelineHarness.spark()).run();
  }

  private static OrderstreamException failure(RunConfig config) {
    OrderstreamException error =
        catchThrowableOfType(OrderstreamException.class, () -> run(config));
    assertThat(error).as("the run failed with orderstream's error").isNotNull();
    return error;
  }

  private Path tables(String name) {
    return dir.resolve(name).resolve("tables");
  }

  private Dataset<Row> table(String run, String table) {
    return PipelineHarness.spark()
        .read()
        .format("delta")
        .load(tables(run).resolve(table).toString());
  }

  private static byte[] fixture(String name) {
    try {
      return Files.readAllBytes(PipelineHarness.fixture(LIFECYCLE).resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The event followed by spaces up to {@code size} bytes: still one valid JSON document. */
  private static byte[] padded(byte[] event, int size) {
    byte[] padded = new byte[size];
    java.util.Arrays.fill(padded, (byte) ' ');
    System.arraycopy(event, 0, padded, 0, event.length);
    return padded;
  }

  /** {@code orderstream check} on the shared session, its output into {@code out}. */
  private static int check(StringWriter out, String... args) {
    CommandLine cli = CheckCommandLine.on(PipelineHarness.spark());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    return cli.execute(args);
  }
}
