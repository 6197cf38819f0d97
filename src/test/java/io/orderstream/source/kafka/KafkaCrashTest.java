package io.orderstream.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.config.ConfigResolver;
import io.orderstream.config.RunConfig;
import io.orderstream.error.Errors;
import io.orderstream.error.OrderstreamException;
import io.orderstream.ops.CheckResult;
import io.orderstream.ops.TableComparison;
import io.orderstream.ops.TableIntegrity;
import io.orderstream.pipeline.Pipeline;
import io.orderstream.testing.ChildPipeline;
import io.orderstream.testing.CrashSite;
import io.orderstream.testing.CrashWatch;
import io.orderstream.testing.KafkaBroker;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import io.orderstream.tools.generate.GeneratedEvent;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.KafkaEventWriter;
import io.orderstream.tools.generate.SampleGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once through Kafka, proven with kills on a topic of three partitions: the broker killed
 * in the middle of a run, which must fail (exit 1), then the crash loop of the folder source (child
 * JVMs killed with SIGKILL in start-up, between two table writes, and after every table but before
 * the checkpoint commit), all on one checkpoint. The last run's tables must equal those of an
 * uninterrupted run.
 */
@SparkTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaCrashTest {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaCrashTest.class);
  private static final long SEED = 20240301L;
  private static final String TOPIC = "orders";

  /** Records per batch of the crashed pipeline: the backlog takes two batches or more. */
  private static final long MAX_RECORDS = 30;

  private static final Duration PATIENCE = Duration.ofMinutes(10);

  @TempDir static Path dir;
  private KafkaBroker broker;

  /** Records in the topic: the generated events and two bad ones. */
  private long records;

  @BeforeAll
  void startBrokerAndFillTopic() throws IOException {
    broker = KafkaBroker.start(dir.resolve("broker"));
    broker.createTopic(TOPIC, 3);
    List<GeneratedEvent> events =
        SampleGenerator.generate(GeneratorSpec.of(10, SEED).withDuplicates(0.05).withLate(0.1));
    records =
        2
            + KafkaEventWriter.toTopic(broker.bootstrapServers(), TOPIC, "kafka-bootstrap-servers")
                .write(events, null, Duration.ofDays(1));
    try (KafkaProducer<String, byte[]> producer = broker.producer()) {
      for (String bad : List.of("not-json.json", "truncated.json")) {
        producer.send(
            new ProducerRecord<>(
                TOPIC, null, Files.readAllBytes(PipelineHarness.fixture("bad").resolve(bad))));
      }
    }
    new Pipeline(config("reference", 1000, true), PipelineHarness.spark()).run();
  }

  @AfterAll
  void stopBroker() {
    broker.stop();
  }

  /**
   * One checkpoint through both faults, so the backlog is read once: a run in this JVM loses its
   * broker after its first batch and must fail with exit 1, leaving later records unread; with the
   * broker back, three command-line runs are killed (in start-up, between two table writes, and
   * after every table but before the checkpoint commit); a last run drains the topic. Its tables
   * must equal the uninterrupted run's.
   */
  @Test
  void brokerGoneMidRunThenPipelineKilledThreeTimesEndsWithTheUninterruptedTables()
      throws Exception {
    // The broker dies as the first batch finishes its tables, so the later batches' records are
    // still unread in Kafka when the run fails.
    AtomicBoolean killed = new AtomicBoolean();
    Pipeline continuous =
        new Pipeline(config(MAX_RECORDS, false), PipelineHarness.spark())
            .onBatch(
                report -> {
                  if (killed.compareAndSet(false, true)) {
                    broker.kill();
                  }
                });
    long start = System.nanoTime();
    CompletableFuture<Throwable> ended =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                continuous.run();
                return null;
              } catch (RuntimeException e) {
                return e;
              }
            });
    Throwable failure = ended.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    LOG.info(
        "the run without its broker ended after {} s: {}",
        (System.nanoTime() - start) / 1_000_000_000,
        failure);
    long readBeforeTheOutage =
        CheckpointOffsets.resumeAt(checkpoint("crashed").toString(), new Configuration())
            .values()
            .stream()
            .mapToLong(Long::longValue)
            .sum();
    broker.restart();

    Random random = new Random(SEED);
    CrashWatch watch = new CrashWatch(checkpoint("crashed"), tables("crashed"), PATIENCE);
    List<CrashSite> sites = new ArrayList<>();
    ChildPipeline child = startCrashed();
    Thread.sleep(500 + random.nextInt(1500));
    sites.add(watch.kill(child));
    child = startCrashed();
    watch.awaitSite(child, site -> site.tablesWritten() > 0 && !site.latestWritten());
    sites.add(watch.kill(child));
    child = startCrashed();
    watch.awaitSite(child, CrashSite::latestWritten);
    sites.add(watch.kill(child));
    new Pipeline(config(MAX_RECORDS, true), PipelineHarness.spark()).run();
    sites.forEach(site -> LOG.info("kill landed: {}", site.describe()));

    assertThat(killed).as("the broker was killed after a batch").isTrue();
    assertThat(failure)
        .as("the run while the broker was gone")
        .isInstanceOf(OrderstreamException.class);
    assertThat(((OrderstreamException) failure).exitCode()).isEqualTo(Errors.EXIT_FAILURE);
    assertThat(readBeforeTheOutage)
        .as("records committed when the run failed, of the topic's %d", records)
        .isPositive()
        .isLessThan(records);
    assertThat(sites)
        .as("where the kills landed")
        .filteredOn(CrashSite::insideBatch)
        .hasSizeGreaterThanOrEqualTo(2);
    assertSameAsReference("crashed");
    assertThat(
            PipelineHarness.spark()
                .read()
                .format("delta")
                .load(tables("crashed").resolve("quarantine").toString())
                .count())
        .as("the two bad records, quarantined once each")
        .isEqualTo(2);
  }

  // ---------------------------------------------------------------- runs

  private RunConfig config(long maxRecords, boolean once) {
    return config("crashed", maxRecords, once);
  }

  /**
   * Resolved as the command line would be, with short client timeouts so a gone broker fails a run
   * in seconds rather than minutes (the client's retries still apply).
   */
  private RunConfig config(String name, long maxRecords, boolean once) {
    Map<String, String> given =
        new HashMap<>(
            Map.of(
                "source",
                "kafka",
                "kafka-bootstrap-servers",
                broker.bootstrapServers(),
                "kafka-topic",
                TOPIC,
                "max-records-per-trigger",
                Long.toString(maxRecords),
                "once",
                Boolean.toString(once),
                "trigger-interval",
                "1s",
                "spark.master",
                "local[2]",
                "tables",
                tables(name).toString(),
                "checkpoint",
                checkpoint(name).toString()));
    return ConfigResolver.in(dir)
        .commandLine(given)
        .commandLineConf(
            Map.of("kafka.default.api.timeout.ms", "5000", "kafka.request.timeout.ms", "4000"))
        .resolve();
  }

  private ChildPipeline startCrashed() {
    return ChildPipeline.start(
        dir.resolve("crashed.log"),
        List.of(
            "--source",
            "kafka",
            "--kafka-bootstrap-servers",
            broker.bootstrapServers(),
            "--kafka-topic",
            TOPIC,
            "--tables",
            tables("crashed").toString(),
            "--checkpoint",
            checkpoint("crashed").toString(),
            "--max-records-per-trigger",
            Long.toString(MAX_RECORDS)));
  }

  private void assertSameAsReference(String name) {
    assertThat(failed(new TableIntegrity(PipelineHarness.spark(), tables(name).toString()).check()))
        .as("integrity of %s's tables", name)
        .isEmpty();
    assertThat(
            failed(
                new TableComparison(
                        PipelineHarness.spark(),
                        tables(name).toString(),
                        tables("reference").toString())
                    .compare()))
        .as("tables of %s that differ from the uninterrupted run", name)
        .isEmpty();
  }

  private Path tables(String name) {
    return dir.resolve(name).resolve("tables");
  }

  private Path checkpoint(String name) {
    return dir.resolve(name).resolve("checkpoint");
  }

  private static List<CheckResult> failed(List<CheckResult> results) {
    return results.stream().filter(r -> !r.passed()).toList();
  }
}
