package io.orderstream.tools.bench;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.pipeline.Pipeline;
import io.orderstream.source.kafka.CheckpointOffsets;
import io.orderstream.tools.generate.GeneratedEvent;
import io.orderstream.tools.generate.KafkaEventWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The Kafka part, against a running broker:
 *
 * <ul>
 *   <li>the backlog: the folder backlog's events, one per record, in a new topic (the broker's
 *       default partitions), drained by {@code orderstream run --once --source kafka} in its own
 *       JVM, timed from start to exit, and compared with the folder run of the same invocation (the
 *       backlog part's when it ran just before, else one measured here); a run whose tables differ
 *       from the folder run's fails the part;
 *   <li>the latency: a pipeline running continuously in this JVM on another new topic fed at the
 *       live rate, one event per record; a record's latency runs from its timestamp to the end of
 *       the batch that carried it, when its order's state has committed in every table.
 * </ul>
 */
final class KafkaBench {
  private static final String SERVERS_OPTION = "--kafka-bootstrap-servers";
  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(5);

  record Result(
      int events,
      ObjectsBench.Run folder,
      boolean folderMeasuredHere,
      ObjectsBench.Run kafka,
      long produceMillis,
      long maxRecordsPerTrigger,
      List<Long> latenciesMillis,
      int liveBatches) {
    double kafkaEventsPerSecond() {
      return kafka.eventsPerSecond(events);
    }

    double folderEventsPerSecond() {
      return folder.eventsPerSecond(events);
    }

    /** Adds the part's keys to {@code results} and its detail to {@code detail.kafka}. */
    void record(
        Map<String, Object> results,
        Map<String, Object> detail,
        BenchSize size,
        double loadBefore) {
      results.put("kafka_backlog_events_per_s", Benchmark.round(kafkaEventsPerSecond()));
      results.put(
          "kafka_backlog_ratio_to_folder", Stats.speedRatio(folder.millis(), kafka.millis()));
      results.put("kafka_latency_p50_ms", Stats.median(latenciesMillis));
      results.put("kafka_latency_p95_ms", Stats.percentile(latenciesMillis, 95));
      detail.put(
          "kafka",
          Benchmark.ordered(
              "size",
              size.name(),
              "orders",
              size.backlogOrders(),
              "events",
              events,
              "events_per_record",
              1,
              "max_records_per_trigger",
              maxRecordsPerTrigger,
              "folder_run_once_ms",
              folder.millis(),
              "folder_events_per_s",
              Benchmark.round(folderEventsPerSecond()),
              "folder_measured_by",
              folderMeasuredHere ? "this part" : "the backlog part, just before",
              "kafka_run_once_ms",
              kafka.millis(),
              "produce_ms",
              produceMillis,
              "live_events_per_s",
              size.liveEventsPerSecond(),
              "live_seconds",
              size.liveDuration().toSeconds(),
              "live_trigger_interval_ms",
              LatencyBench.TRIGGER_INTERVAL.toMillis(),
              "live_records_measured",
              latenciesMillis.size(),
              "live_batches",
              liveBatches,
              "measured_at",
              Instant.now().toString(),
              "load_average_before",
              loadBefore));
    }
  }

  private record Live(List<Long> latenciesMillis, int batches) {}

  private KafkaBench() {}

  /**
   * @param servers the broker's bootstrap servers
   * @param folder the backlog part's run of the same size in this invocation, if it ran
   */
  static Result run(
      SparkSession spark,
      BenchSize size,
      Path work,
      Path logs,
      List<String> runCommand,
      String servers,
      Optional<ObjectsBench.Run> folder)
      throws InterruptedException {
    String stamp = Long.toString(System.currentTimeMillis());
    String topic = "orderstream-bench-backlog-" + stamp;
    List<GeneratedEvent> events = BacklogBench.events(size);
    long started = System.nanoTime();
    KafkaEventWriter.toTopic(servers, topic, SERVERS_OPTION)
        .write(events, null, Duration.ofHours(1));
    long produceMillis = (System.nanoTime() - started) / 1_000_000;

    ObjectsBench.Run reference =
        folder.orElseGet(
            () -> {
              Path input = work.resolve("kafka/folder-input");
              BacklogBench.generate(size, input);
              Path log = logs.resolve("kafka-folder-run.log");
              List<String> args =
                  BacklogBench.runArguments(
                      runCommand, input.toString(), work.resolve("kafka/folder"), size);
              return new ObjectsBench.Run(
                  ChildJvm.run(log, runCommand.get(0), args.toArray(String[]::new)), log);
            });
    long maxRecords = (long) size.backlogFilesPerTrigger() * BacklogBench.EVENTS_PER_FILE;
    Path log = logs.resolve("kafka-run.log");
    List<String> args =
        backlogArguments(runCommand, servers, topic, work.resolve("kafka/backlog"), maxRecords);
    ObjectsBench.Run kafka =
        new ObjectsBench.Run(
            ChildJvm.run(log, runCommand.get(0), args.toArray(String[]::new)), log);
    RunListing.requireSame(reference.log(), kafka.log(), "Kafka run");

    Live live = live(spark, size, work, servers, "orderstream-bench-live-" + stamp);
    return new Result(
        events.size(),
        reference,
        folder.isEmpty(),
        kafka,
        produceMillis,
        maxRecords,
        live.latenciesMillis(),
        live.batches());
  }

  /** The measured {@code run --once} over the topic, bounded per batch as the folder run is. */
  static List<String> backlogArguments(
      List<String> runCommand, String servers, String topic, Path folder, long maxRecords) {
    List<String> args = new ArrayList<>(runCommand.subList(1, runCommand.size()));
    args.addAll(
        List.of(
            Setting.ONCE.option(),
            Setting.SOURCE.option(),
            "kafka",
            Setting.KAFKA_BOOTSTRAP_SERVERS.option(),
            servers,
            Setting.KAFKA_TOPIC.option(),
            topic,
            Setting.TABLES.option(),
            folder.resolve("tables").toString(),
            Setting.CHECKPOINT.option(),
            folder.resolve("checkpoint").toString(),
            Setting.MAX_RECORDS_PER_TRIGGER.option(),
            Long.toString(maxRecords)));
    return args;
  }

  private static Live live(
      SparkSession spark, BenchSize size, Path work, String servers, String topic)
      throws InterruptedException {
    KafkaEventWriter writer = KafkaEventWriter.toTopic(servers, topic, SERVERS_OPTION);
    String checkpoint = work.resolve("kafka/live/checkpoint").toString();
    RunConfig config =
        new RunConfig(
                work.resolve("kafka/live/unused-input").toString(),
                work.resolve("kafka/live/tables").toString(),
                checkpoint,
                false,
                LatencyBench.TRIGGER_INTERVAL,
                1000,
                spark.sparkContext().master(),
                Map.of())
            .with(Setting.SOURCE, "kafka")
            .with(Setting.KAFKA_BOOTSTRAP_SERVERS, servers)
            .with(Setting.KAFKA_TOPIC, topic);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    RecordClock clock = new RecordClock();
    AtomicInteger batches = new AtomicInteger();
    Pipeline pipeline =
        new Pipeline(config, spark)
            .onBatch(
                report -> {
                  long end = System.currentTimeMillis();
                  batches.incrementAndGet();
                  clock.batchEnded(
                      CheckpointOffsets.endOf(checkpoint, report.batchId(), hadoop), end);
                });
    // The same warm-up and live events as the folder latency part.
    List<GeneratedEvent> warmUp = LatencyBench.warmUpEvents();
    List<GeneratedEvent> events = LatencyBench.liveEvents(size);

    CompletableFuture<Void> running = CompletableFuture.runAsync(pipeline::run);
    try {
      int warmUpRecords = writer.write(warmUp, null, Duration.ofMinutes(1));
      awaitRecords(clock, warmUpRecords, running);
      clock.forgetLatencies();
      int written =
          writer.write(
              events,
              size.liveEventsPerSecond(),
              size.liveDuration(),
              sent -> clock.sent(sent.partition(), sent.offset(), sent.timestamp()));
      awaitRecords(clock, warmUpRecords + written, running);
    } finally {
      pipeline.stop();
      try {
        running.join();
      } catch (RuntimeException e) {
        // a failure of the run was reported by awaitRecords already, or came with the stop
      }
    }
    return new Live(clock.latencies(), batches.get());
  }

  private static void awaitRecords(
      RecordClock clock, long expected, CompletableFuture<Void> running)
      throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    while (clock.recordsDone() < expected) {
      if (running.isDone()) {
        running.join(); // throws the run's failure
        throw new IllegalStateException(
            "The live Kafka pipeline ended before reading every record");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The live Kafka pipeline read "
                + clock.recordsDone()
                + " of "
                + expected
                + " records within "
                + DRAIN_LIMIT.toMinutes()
                + " minutes");
      }
      Thread.sleep(200);
    }
  }
}
