package io.orderstream.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.orderstream.export.ExportConfig;
import io.orderstream.pipeline.SparkSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * Runs every measurement of the benchmark in turn and writes {@code results.json} and {@code
 * chart.html} into the output folder. The backlog, the floor and the object runs run in their own
 * JVMs; the live run, the history batches and the export steps run in this one, on one Spark
 * session.
 */
public final class Benchmark {
  private static final String MASTER = "local[*]";

  private final BenchSize size;
  private final Path work;
  private final Path out;
  private final PrintWriter progress;
  private final List<String> runCommand;
  private final Optional<ObjectServers> servers;
  private final Optional<BenchDatabase> database;
  private final Optional<String> kafkaServers;

  /**
   * @param runCommand the main class and arguments that start {@code orderstream run} in a new JVM;
   *     the backlog part adds the run's settings
   * @param s3Endpoint the local S3 server of the objects part; null when it does not run
   * @param sqsEndpoint the local SQS server of the objects part; null when it does not run
   * @param exportServer how to reach the PostgreSQL server of the export part; null when it does
   *     not run
   * @param kafkaServers the bootstrap servers of the Kafka part's broker; null when it does not run
   */
  public Benchmark(
      BenchSize size,
      Path work,
      Path out,
      PrintWriter progress,
      List<String> runCommand,
      URI s3Endpoint,
      URI sqsEndpoint,
      ExportConfig exportServer,
      String kafkaServers) {
    this.size = size;
    this.work = work;
    this.out = out;
    this.progress = progress;
    this.runCommand = List.copyOf(runCommand);
    this.servers =
        s3Endpoint == null || sqsEndpoint == null
            ? Optional.empty()
            : Optional.of(new ObjectServers(s3Endpoint, sqsEndpoint));
    this.database = Optional.ofNullable(exportServer).map(BenchDatabase::new);
    this.kafkaServers = Optional.ofNullable(kafkaServers);
  }

  /**
   * The measurements, each of which can be run alone. {@link #OBJECTS} needs an S3 and an SQS
   * server, {@link #EXPORT} a PostgreSQL server and {@link #KAFKA} a Kafka broker, so they run only
   * when named. {@link #EXPORT} follows the history part's tables, so it runs the history's batches
   * too (without the baseline, unless {@link #HISTORY} is named as well).
   */
  public enum Part {
    BACKLOG,
    LATENCY,
    HISTORY,
    OBJECTS,
    EXPORT,
    KAFKA;

    /** What {@code bench} runs when no part is named: every part that needs no server. */
    public static Set<Part> standalone() {
      return EnumSet.of(BACKLOG, LATENCY, HISTORY);
    }
  }

  /**
   * Runs the given parts and writes {@code results.json}: the keys of the parts run now replace
   * those of an earlier results file in the output folder, the others are kept, and {@code
   * detail.<part>.measured_at} says when each was measured.
   */
  public Map<String, Object> run(Set<Part> parts) throws InterruptedException {
    Map<String, Object> results = ResultsFile.previous(out);
    @SuppressWarnings("unchecked")
    Map<String, Object> detail =
        (Map<String, Object>) results.computeIfAbsent("detail", k -> new LinkedHashMap<>());
    detail.put("size", size.name());
    Path logs = createFolder(work.resolve("logs"));
    Optional<ObjectsBench.Run> folderRun = Optional.empty();
    if (parts.contains(Part.BACKLOG)) {
      double load = Machine.loadAverage();
      say(
          "backlog: %d orders through run --once, then the floor on the same files",
          size.backlogOrders());
      coldPath(results, detail, logs);
      BacklogBench.Result backlog = BacklogBench.run(size, work, logs, runCommand);
      say(
          "backlog: %d events in %d ms (%.0f events/s); floor %d ms (%.0f events/s)",
          backlog.events(),
          backlog.runMillis(),
          backlog.eventsPerSecond(),
          backlog.floorMillis(),
          backlog.floorEventsPerSecond());
      results.put("backlog_events_per_s", round(backlog.eventsPerSecond()));
      results.put("floor_events_per_s", round(backlog.floorEventsPerSecond()));
      detail.put(
          "backlog",
          ordered(
              "orders",
              size.backlogOrders(),
              "events",
              backlog.events(),
              "files",
              backlog.files(),
              "events_per_file",
              BacklogBench.EVENTS_PER_FILE,
              "max_files_per_trigger",
              size.backlogFilesPerTrigger(),
              "max_bytes_per_trigger",
              BacklogBench.BYTES_PER_TRIGGER,
              "run_once_ms",
              backlog.runMillis(),
              "floor_ms",
              backlog.floorMillis(),
              "measured_at",
              Instant.now().toString(),
              "load_average_before",
              load));
      folderRun =
          Optional.of(
              new ObjectsBench.Run(backlog.runMillis(), logs.resolve(BacklogBench.RUN_LOG)));
    }
    if (parts.contains(Part.OBJECTS)) {
      objects(folderRun, logs, results, detail);
    }
    if (parts.contains(Part.LATENCY)
        || parts.contains(Part.HISTORY)
        || parts.contains(Part.EXPORT)
        || parts.contains(Part.KAFKA)) {
      SparkSession spark = session();
      try {
        if (parts.contains(Part.KAFKA)) {
          kafka(spark, folderRun, logs, results, detail);
        }
        if (parts.contains(Part.LATENCY)) {
          latency(spark, results, detail);
        }
        if (parts.contains(Part.HISTORY) || parts.contains(Part.EXPORT)) {
          historyAndExport(spark, parts, results, detail);
        }
      } finally {
        spark.stop();
      }
    }
    detail.put("machine", Machine.describe());
    Map<String, Object> written = ResultsFile.headlineFirst(results);
    write(written);
    return written;
  }

  /** The cold path: what a fresh {@code run --once} costs on the samples and a small backlog. */
  private void coldPath(Map<String, Object> results, Map<String, Object> detail, Path logs) {
    double load = Machine.loadAverage();
    say(
        "cold path: run --once on the bundled samples, again on them, then on %d orders in JSON"
            + " Lines, each in a fresh JVM, and the floor job on each input",
        size.smallBacklogOrders());
    ColdPathBench.Result cold = ColdPathBench.run(size, work, logs, runCommand);
    say(
        "cold path: samples %d ms (floor %d ms), again with nothing new %d ms; small backlog %d"
            + " events in %d ms (%.0f events/s; floor %d ms, %.0f events/s)",
        cold.samplesMillis(),
        cold.samplesFloorMillis(),
        cold.restartMillis(),
        cold.smallEvents(),
        cold.smallMillis(),
        cold.smallEventsPerSecond(),
        cold.smallFloorMillis(),
        cold.smallFloorEventsPerSecond());
    results.put("samples_once_ms", cold.samplesMillis());
    results.put("samples_floor_ms", cold.samplesFloorMillis());
    results.put("restart_once_ms", cold.restartMillis());
    results.put("backlog_small_events_per_s", round(cold.smallEventsPerSecond()));
    results.put("backlog_small_floor_events_per_s", round(cold.smallFloorEventsPerSecond()));
    detail.put(
        "cold_path",
        ordered(
            "samples_once_ms",
            cold.samplesMillis(),
            "samples_floor_ms",
            cold.samplesFloorMillis(),
            "restart_once_ms",
            cold.restartMillis(),
            "small_backlog_orders",
            size.smallBacklogOrders(),
            "small_backlog_events",
            cold.smallEvents(),
            "small_backlog_files",
            cold.smallFiles(),
            "small_backlog_once_ms",
            cold.smallMillis(),
            "small_backlog_floor_ms",
            cold.smallFloorMillis(),
            "measured_at",
            Instant.now().toString(),
            "load_average_before",
            load));
  }

  private void objects(
      Optional<ObjectsBench.Run> folderRun,
      Path logs,
      Map<String, Object> results,
      Map<String, Object> detail) {
    double load = Machine.loadAverage();
    say(
        "objects: the backlog of %d orders uploaded to %s, drained from S3 by listing and from S3 + SQS (%s)",
        size.backlogOrders(), servers.orElseThrow().s3(), servers.orElseThrow().sqs());
    ObjectsBench.Result objects =
        ObjectsBench.run(size, work, logs, runCommand, servers.orElseThrow(), folderRun);
    say(
        "objects: %d events; folder %d ms (%.0f events/s), S3 listing %d ms (%.0f events/s), S3 + SQS %d ms (%.0f events/s)",
        objects.events(),
        objects.folder().millis(),
        objects.folderEventsPerSecond(),
        objects.s3().millis(),
        objects.s3EventsPerSecond(),
        objects.sqs().millis(),
        objects.sqsEventsPerSecond());
    objects.record(results, detail, size, load);
  }

  private void kafka(
      SparkSession spark,
      Optional<ObjectsBench.Run> folderRun,
      Path logs,
      Map<String, Object> results,
      Map<String, Object> detail)
      throws InterruptedException {
    double load = Machine.loadAverage();
    say(
        "kafka: the backlog of %d orders, one event per record, drained from a topic at %s; then %.0f events/s live for %d s",
        size.backlogOrders(),
        kafkaServers.orElseThrow(),
        size.liveEventsPerSecond(),
        size.liveDuration().toSeconds());
    KafkaBench.Result kafka =
        KafkaBench.run(spark, size, work, logs, runCommand, kafkaServers.orElseThrow(), folderRun);
    say(
        "kafka: %d events; folder %d ms (%.0f events/s), Kafka %d ms (%.0f events/s); live p50 %d ms, p95 %d ms over %d records",
        kafka.events(),
        kafka.folder().millis(),
        kafka.folderEventsPerSecond(),
        kafka.kafka().millis(),
        kafka.kafkaEventsPerSecond(),
        Stats.median(kafka.latenciesMillis()),
        Stats.percentile(kafka.latenciesMillis(), 95),
        kafka.latenciesMillis().size());
    kafka.record(results, detail, size, load);
  }

  private void latency(SparkSession spark, Map<String, Object> results, Map<String, Object> detail)
      throws InterruptedException {
    double load = Machine.loadAverage();
    say(
        "latency: %.0f events/s, one per file, for %d s",
        size.liveEventsPerSecond(), size.liveDuration().toSeconds());
    LatencyBench.Result live = LatencyBench.run(spark, size, work);
    say(
        "latency: %d files, p50 %d ms, p95 %d ms; small batches (%s files) %s ms, median %d ms",
        live.latenciesMillis().size(),
        Stats.median(live.latenciesMillis()),
        Stats.percentile(live.latenciesMillis(), 95),
        live.smallBatchInputs(),
        live.smallBatchMillis(),
        Stats.median(live.smallBatchMillis()));
    results.put("latency_p50_ms", Stats.median(live.latenciesMillis()));
    results.put("latency_p95_ms", Stats.percentile(live.latenciesMillis(), 95));
    results.put("small_batch_ms", Stats.median(live.smallBatchMillis()));
    detail.put(
        "live",
        ordered(
            "events_per_s",
            size.liveEventsPerSecond(),
            "seconds",
            size.liveDuration().toSeconds(),
            "trigger_interval_ms",
            LatencyBench.TRIGGER_INTERVAL.toMillis(),
            "files_measured",
            live.latenciesMillis().size(),
            "batches",
            live.batches(),
            "small_batch_files",
            LatencyBench.SMALL_BATCH_FILES,
            "small_batch_ms",
            live.smallBatchMillis(),
            "small_batch_inputs",
            live.smallBatchInputs(),
            "measured_at",
            Instant.now().toString(),
            "load_average_before",
            load));
  }

  private void historyAndExport(
      SparkSession spark,
      Set<Part> parts,
      Map<String, Object> results,
      Map<String, Object> detail) {
    double load = Machine.loadAverage();
    Optional<ExportBench> export =
        parts.contains(Part.EXPORT)
            ? Optional.of(
                new ExportBench(
                    spark,
                    database.orElseThrow(),
                    size,
                    work.resolve("history/tables").toString(),
                    progress))
            : Optional.empty();
    List<HistoryBench.Point> points =
        new HistoryBench(
                spark,
                size,
                work,
                progress,
                parts.contains(Part.HISTORY),
                parts.contains(Part.HISTORY),
                export.map(HistoryObserver.class::cast).orElse(HistoryObserver.NONE))
            .run();
    if (parts.contains(Part.HISTORY)) {
      history(points, load, results, detail);
    }
    export.ifPresent(e -> e.finish().record(results, detail, size.name(), load));
  }

  private static void history(
      List<HistoryBench.Point> history,
      double load,
      Map<String, Object> results,
      Map<String, Object> detail) {
    Map<String, Long> batch = new LinkedHashMap<>();
    Map<String, Long> withoutHistory = new LinkedHashMap<>();
    Map<String, Long> first = new LinkedHashMap<>();
    Map<String, Long> firstWithoutHistory = new LinkedHashMap<>();
    Map<String, Long> baseline = new LinkedHashMap<>();
    Map<String, Object> perLevel = new LinkedHashMap<>();
    history.forEach(
        p -> {
          batch.put(Integer.toString(p.orders()), Stats.median(p.batchMillis()));
          withoutHistory.put(
              Integer.toString(p.orders()), Stats.median(p.batchMillisWithoutHistory()));
          first.put(Integer.toString(p.orders()), p.firstBatchMillis());
          firstWithoutHistory.put(Integer.toString(p.orders()), p.firstBatchWithoutHistoryMillis());
          baseline.put(Integer.toString(p.orders()), p.baselineMillis());
          perLevel.put(
              Integer.toString(p.orders()),
              ordered(
                  "batch_events",
                  p.batchEvents(),
                  "batch_ms",
                  p.batchMillis(),
                  "batch_without_history_ms",
                  p.batchMillisWithoutHistory(),
                  "first_batch_ms",
                  p.firstBatchMillis(),
                  "first_batch_without_history_ms",
                  p.firstBatchWithoutHistoryMillis(),
                  "split_batches",
                  p.splitBatches(),
                  "baseline_ms",
                  p.baselineMillis(),
                  "history_load_ms",
                  p.loadMillis()));
        });
    results.put("batch_ms_by_history", batch);
    results.put("batch_ms_by_history_without_history", withoutHistory);
    // A pipeline's first batch reads what it then keeps between batches, which grows with the
    // history: reported beside the steady batches, not in them.
    results.put("first_batch_ms_by_history", first);
    results.put("first_batch_ms_by_history_without_history", firstWithoutHistory);
    // The targets, history on, for a running pipeline's steady batches: the largest
    // history's batch at most 1.5 times the smallest's, and at most 1.3 times the same batch with
    // history off.
    HistoryBench.Point smallest = history.get(0);
    HistoryBench.Point largest = history.get(history.size() - 1);
    long largestMillis = Stats.median(largest.batchMillis());
    results.put(
        "history_flatness", Stats.timeRatio(largestMillis, Stats.median(smallest.batchMillis())));
    results.put(
        "history_overhead",
        Stats.timeRatio(largestMillis, Stats.median(largest.batchMillisWithoutHistory())));
    results.put("baseline_batch_ms_by_history", baseline);
    perLevel.put("measured_at", Instant.now().toString());
    perLevel.put("load_average_before", load);
    detail.put("history", perLevel);
  }

  private void write(Map<String, Object> results) {
    try {
      Files.createDirectories(out);
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(out.resolve("results.json").toFile(), results);
      Files.writeString(out.resolve("chart.html"), BenchChart.html(results));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the results to " + out + ": " + e.getMessage(), e);
    }
    say("wrote %s and %s", out.resolve("results.json"), out.resolve("chart.html"));
  }

  private static SparkSession session() {
    SparkSession.Builder builder =
        SparkSession.builder().appName("orderstream-bench").master(MASTER);
    SparkSessions.defaults(MASTER).forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /**
   * A map that keeps the order its keys are given in, so results.json reads the same every time.
   */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static Path createFolder(Path folder) {
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void say(String format, Object... args) {
    progress.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    progress.flush();
  }
}
