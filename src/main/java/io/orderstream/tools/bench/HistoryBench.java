package io.orderstream.tools.bench;

import static org.apache.spark.sql.functions.col;

import io.orderstream.config.RunConfig;
import io.orderstream.model.Tables;
import io.orderstream.pipeline.BatchReport;
import io.orderstream.pipeline.EventHistory;
import io.orderstream.pipeline.Pipeline;
import io.orderstream.read.ConsistentSnapshot;
import io.orderstream.sink.BatchManifest;
import io.orderstream.sink.ManifestRecorder;
import io.orderstream.sink.TableCreator;
import io.orderstream.sink.TableLocations;
import io.orderstream.tools.baseline.FullRecompute;
import io.orderstream.tools.generate.GeneratedEvent;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.OutputFormat;
import io.orderstream.tools.generate.SampleGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Measures 4 and 5: the time of one batch of about 1k events when the tables already hold a given
 * number of orders, handled by the pipeline and by the original design ({@link FullRecompute}).
 *
 * <p>The first history size is loaded through the pipeline itself in one batch, each order's final
 * event only ({@link SampleGenerator#latestOnly}); larger sizes are copies of it with new keys
 * ({@link HistoryCopies}), in the tables and in the baseline's event store alike. The timed batches
 * are new orders' whole lifecycles, created after the history: the common case of a live feed,
 * where a batch's orders are recent.
 *
 * <p>At each size the same kind of batch is also timed with the event log and the status histories
 * off ({@value EventHistory#ENABLED_CONF} false), on other new orders: what keeping them costs is
 * the difference, on the same tables at the same size.
 */
final class HistoryBench {
  // Small enough that copying the event store's raw files (one row each) stays within the heap.
  static final int HISTORY_EVENTS_PER_FILE = 100;
  static final int BATCH_EVENTS_PER_FILE = 20;
  private static final long HISTORY_SEED = 1_000;
  private static final long BATCH_SEED = 10_000;
  // Far above BATCH_SEED plus any history size: the batches with history off never repeat an
  // order id of those with history on (ids depend on the seed alone, not on the start instant).
  private static final long BATCH_WITHOUT_HISTORY_SEED = 1L << 40;
  private static final Instant HISTORY_START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant BATCHES_START = Instant.parse("2026-01-01T00:00:00Z");

  /**
   * @param batchMillis the timed batches, history on
   * @param batchMillisWithoutHistory as many batches with history off; empty when not timed
   */
  record Point(
      int orders,
      List<Long> batchMillis,
      List<Long> batchMillisWithoutHistory,
      int batchEvents,
      long baselineMillis,
      long loadMillis) {}

  private final SparkSession spark;
  private final BenchSize size;
  private final Path work;
  private final PrintWriter progress;
  private final Path input;
  private final TableLocations tables;
  private final FullRecompute baseline;
  private final boolean withBaseline;
  private final boolean withoutHistoryToo;
  private final HistoryObserver observer;
  private long baselineBatchId;

  /**
   * @param withBaseline whether each level's first batch is also handled by the baseline (the
   *     export part alone skips it: a full recompute of 500k orders costs minutes)
   * @param withoutHistoryToo whether each level's batches are also timed with history off (the
   *     export part alone skips them: it reports none of their figures)
   * @param observer told when each history level is ready and after each timed batch with history
   *     on
   */
  HistoryBench(
      SparkSession spark,
      BenchSize size,
      Path work,
      PrintWriter progress,
      boolean withBaseline,
      boolean withoutHistoryToo,
      HistoryObserver observer) {
    this.spark = spark;
    this.size = size;
    this.work = work;
    this.progress = progress;
    this.withBaseline = withBaseline;
    this.withoutHistoryToo = withoutHistoryToo;
    this.observer = observer;
    this.input = work.resolve("history/input");
    this.tables = new TableLocations(work.resolve("history/tables").toString());
    TableLocations baselineTables = new TableLocations(work.resolve("baseline/tables").toString());
    if (withBaseline) {
      new TableCreator(spark, baselineTables).createMissing(Tables.all());
    }
    this.baseline =
        new FullRecompute(spark, work.resolve("baseline/store").toString(), baselineTables);
  }

  List<Point> run() {
    int base = size.historyOrders().get(0);
    long started = System.nanoTime();
    Dataset<Row> baseFiles = loadBase(base);
    HistoryCopies copies = new HistoryCopies(spark, tables);
    long loadMillis = (System.nanoTime() - started) / 1_000_000;
    List<Point> points = new ArrayList<>();
    int copiesMade = 1;
    for (int orders : size.historyOrders()) {
      if (orders % base != 0) {
        throw new IllegalArgumentException(
            "History sizes must be multiples of the first, " + base + "; got " + orders);
      }
      if (orders > base) {
        started = System.nanoTime();
        copies.append(copiesMade, orders / base);
        recordCopiesManifest();
        if (withBaseline) {
          baseline.store(HistoryCopies.copiedFiles(baseFiles, copiesMade, orders / base));
        }
        copiesMade = orders / base;
        loadMillis = (System.nanoTime() - started) / 1_000_000;
        say("history grown to %d orders by copies in %d ms", orders, loadMillis);
      }
      List<Long> withoutHistory =
          withoutHistoryToo ? batchesWithoutHistory(orders, points.size()) : List.of();
      observer.historyReady(orders);
      points.add(measure(orders, points.size(), loadMillis, withoutHistory));
    }
    return points;
  }

  /**
   * The copies are written beside the pipeline, so no batch recorded their state; a manifest with
   * the last batch's id does, so that readers of consistent states (the export) see them. Every
   * copied table was appended in full, so every foreign key holds in that state.
   */
  private void recordCopiesManifest() {
    BatchManifest last =
        ConsistentSnapshot.newestManifest("--tables", tables, spark.sessionState().newHadoopConf());
    new ManifestRecorder(tables).afterBatch(spark, last.appId(), last.batchId());
  }

  /**
   * Loads {@code orders} orders through the pipeline; returns their files, as the event store holds
   * them.
   */
  private Dataset<Row> loadBase(int orders) {
    List<GeneratedEvent> history =
        SampleGenerator.latestOnly(
            GeneratorSpec.of(orders, HISTORY_SEED)
                .withFormat(OutputFormat.JSONL)
                .withEventsPerFile(HISTORY_EVENTS_PER_FILE)
                .withStart(HISTORY_START));
    Path staging = work.resolve("history/base");
    Inbox.deliver(history, staging, input, "h-");
    long millis = runPipeline().stream().mapToLong(BatchReport::millis).sum();
    Dataset<Row> files = files(staging);
    if (withBaseline) {
      baseline.store(files);
    }
    say("history loaded: %d orders through the pipeline in a %d ms batch", orders, millis);
    return files;
  }

  private Point measure(int orders, int level, long loadMillis, List<Long> withoutHistory) {
    List<Long> batches = new ArrayList<>();
    int events = 0;
    long baselineMillis = 0;
    for (int r = 0; r < size.repeats(); r++) {
      List<GeneratedEvent> batch =
          newOrders(BATCH_SEED + orders + r, Duration.ofDays(30L * level + 3L * r));
      events = batch.size();
      Path staging = work.resolve("history/batch-" + orders + "-" + r);
      Inbox.deliver(batch, staging, input, "b" + orders + "-" + r + "-");
      batches.add(runPipeline().stream().mapToLong(BatchReport::millis).sum());
      observer.batchDone(orders);
      if (!withBaseline) {
        baselineMillis = -1;
      } else if (r == 0) {
        long started = System.nanoTime();
        baseline.batch(files(staging), baselineBatchId++);
        baselineMillis = (System.nanoTime() - started) / 1_000_000;
      } else {
        baseline.store(files(staging));
      }
      say(
          "history %d orders: batch of %d events %d ms%s",
          orders,
          events,
          batches.get(batches.size() - 1),
          r == 0 && withBaseline ? " (baseline " + baselineMillis + " ms)" : "");
    }
    return new Point(orders, batches, withoutHistory, events, baselineMillis, loadMillis);
  }

  /**
   * Times {@link BenchSize#repeats()} batches with history off, on orders of their own (other
   * seeds, a later start), so no batch repeats an order. The setting is on the shared session,
   * where the pipeline reads it at its start, and is unset again after them.
   *
   * <p>Run before the observer hears that the level is ready: an export following the tables then
   * carries these batches in its untimed step of the level, not in its timed step after the first
   * batch with history on.
   */
  private List<Long> batchesWithoutHistory(int orders, int level) {
    List<Long> batches = new ArrayList<>();
    spark.conf().set(EventHistory.ENABLED_CONF, "false");
    try {
      for (int r = 0; r < size.repeats(); r++) {
        List<GeneratedEvent> batch =
            newOrders(
                BATCH_WITHOUT_HISTORY_SEED + orders + r,
                Duration.ofDays(30L * level + 15L + 3L * r));
        Path staging = work.resolve("history/off-batch-" + orders + "-" + r);
        Inbox.deliver(batch, staging, input, "n" + orders + "-" + r + "-");
        batches.add(runPipeline().stream().mapToLong(BatchReport::millis).sum());
        if (withBaseline) {
          // The baseline's store holds every event the tables were derived from.
          baseline.store(files(staging));
        }
        say(
            "history %d orders, history off: batch of %d events %d ms",
            orders, batch.size(), batches.get(batches.size() - 1));
      }
    } finally {
      spark.conf().unset(EventHistory.ENABLED_CONF);
    }
    return batches;
  }

  /**
   * The whole lifecycles of {@link BenchSize#batchOrders()} new orders, created within two weeks
   * from {@code after} past {@link #BATCHES_START}.
   */
  private List<GeneratedEvent> newOrders(long seed, Duration after) {
    return SampleGenerator.generate(
        GeneratorSpec.of(size.batchOrders(), seed)
            .withFormat(OutputFormat.JSONL)
            .withEventsPerFile(BATCH_EVENTS_PER_FILE)
            .withStart(BATCHES_START.plus(after)));
  }

  /** Drains the input folder, every new file in one batch; returns the batches' reports. */
  private List<BatchReport> runPipeline() {
    RunConfig config =
        new RunConfig(
            input.toString(),
            work.resolve("history/tables").toString(),
            work.resolve("history/checkpoint").toString(),
            true,
            Duration.ofSeconds(1),
            100_000,
            spark.sparkContext().master(),
            Map.of());
    List<BatchReport> reports = new ArrayList<>();
    new Pipeline(config, spark).onBatch(reports::add).run();
    return reports;
  }

  private Dataset<Row> files(Path folder) {
    return spark
        .read()
        .format("binaryFile")
        .load(folder.toString())
        .select(col("path").as("source"), col("content"));
  }

  private void say(String format, Object... args) {
    progress.printf(java.util.Locale.ROOT, "[bench] " + format + "%n", args);
    progress.flush();
  }
}
