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
 * <p>At each size the batches run in a pipeline started for them and left running between them
 * ({@link RunningPipeline}), as a live stream runs. Its first batch reads what the pipeline then
 * keeps between batches (the stored winners, the dimensions' keys per file), which grows with the
 * history; it is timed and reported on its own, and the steady batches after it are the batch time.
 * Until 2026-12-02 every timed batch started a pipeline of its own, so each paid that first read:
 * the first batch's figures continue that series.
 *
 * <p>At each size the same kind of batches is also timed with the event log and the status
 * histories off ({@value EventHistory#ENABLED_CONF} false), on other new orders, in a pipeline of
 * their own: what keeping them costs is the difference, on the same tables at the same size.
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
  // Each pipeline's first batch, history on and off: far from both of the above.
  private static final long FIRST_BATCH_SEED = 1L << 41;
  private static final long FIRST_BATCH_WITHOUT_HISTORY_SEED = FIRST_BATCH_SEED + (1L << 40);
  private static final Instant HISTORY_START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant BATCHES_START = Instant.parse("2026-01-01T00:00:00Z");

  /**
   * @param batchMillis the timed steady batches, history on
   * @param batchMillisWithoutHistory as many batches with history off; empty when not timed
   * @param firstBatchMillis the first batch of the pipeline started for the size, history on
   * @param firstBatchWithoutHistoryMillis the same with history off; -1 when not timed
   * @param splitBatches timed batches a trigger split in two (their time is both batches')
   */
  record Point(
      int orders,
      List<Long> batchMillis,
      List<Long> batchMillisWithoutHistory,
      long firstBatchMillis,
      long firstBatchWithoutHistoryMillis,
      int batchEvents,
      long baselineMillis,
      long loadMillis,
      int splitBatches) {}

  /** The batches timed in one pipeline: its first, then the steady ones. */
  private record Timed(long firstMillis, List<Long> millis, int split) {}

  /**
   * One pipeline's batches at a history level: the first one's seed and day, and the steady ones'
   * (the r-th gets {@code seed + r}, {@code day + 3 r}); days count from {@link #BATCHES_START}.
   *
   * @param label how the progress lines name the series ("" or ", history off")
   * @param name what the staging folders and delivered files are named after
   */
  private record Series(
      String label,
      String name,
      String prefix,
      long firstSeed,
      long firstDay,
      long seed,
      long day) {
    List<GeneratedEvent> first(HistoryBench bench) {
      return bench.newOrders(firstSeed, Duration.ofDays(firstDay));
    }

    List<GeneratedEvent> steady(HistoryBench bench, int r) {
      return bench.newOrders(seed + r, Duration.ofDays(day + 3L * r));
    }
  }

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
      Timed withoutHistory =
          withoutHistoryToo
              ? batchesWithoutHistory(orders, points.size())
              : new Timed(-1, List.of(), 0);
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

  private Point measure(int orders, int level, long loadMillis, Timed withoutHistory) {
    List<Path> stagings = new ArrayList<>();
    int[] events = new int[1];
    Timed timed =
        timeInOnePipeline(
            orders,
            new Series(
                "",
                "batch-",
                "b",
                FIRST_BATCH_SEED + orders,
                30L * level + 9L,
                BATCH_SEED + orders,
                30L * level),
            (r, batch, staging) -> {
              stagings.add(staging);
              if (r >= 0) {
                events[0] = batch.size();
              }
              observer.batchDone(orders);
            });
    long baselineMillis = withBaseline ? baseline(stagings) : -1;
    if (withBaseline) {
      say("history %d orders: baseline batch %d ms", orders, baselineMillis);
    }
    return new Point(
        orders,
        timed.millis(),
        withoutHistory.millis(),
        timed.firstMillis(),
        withoutHistory.firstMillis(),
        events[0],
        baselineMillis,
        loadMillis,
        timed.split() + withoutHistory.split());
  }

  /**
   * The baseline handles the same batches after the pipeline stopped: the pipeline's first batch is
   * stored, the first timed one is timed, the others are stored. Returns the timed one's time.
   */
  private long baseline(List<Path> stagings) {
    baseline.store(files(stagings.get(0)));
    long started = System.nanoTime();
    baseline.batch(files(stagings.get(1)), baselineBatchId++);
    long millis = (System.nanoTime() - started) / 1_000_000;
    stagings.subList(2, stagings.size()).forEach(staging -> baseline.store(files(staging)));
    return millis;
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
  private Timed batchesWithoutHistory(int orders, int level) {
    spark.conf().set(EventHistory.ENABLED_CONF, "false");
    try {
      return timeInOnePipeline(
          orders,
          new Series(
              ", history off",
              "off-batch-",
              "n",
              FIRST_BATCH_WITHOUT_HISTORY_SEED + orders,
              30L * level + 12L,
              BATCH_WITHOUT_HISTORY_SEED + orders,
              30L * level + 15L),
          (r, batch, staging) -> {
            if (withBaseline) {
              // The baseline's store holds every event the tables were derived from.
              baseline.store(files(staging));
            }
          });
    } finally {
      spark.conf().unset(EventHistory.ENABLED_CONF);
    }
  }

  /** Told after each batch of {@link #timeInOnePipeline}; {@code r} is -1 for the first. */
  private interface AfterBatch {
    void accept(int r, List<GeneratedEvent> batch, Path staging);
  }

  /**
   * Starts a pipeline, gives it a first batch, then {@link BenchSize#repeats()} more, each once the
   * one before committed, and stops it. Each batch is new orders' lifecycles ({@link #newOrders}).
   */
  private Timed timeInOnePipeline(int orders, Series series, AfterBatch afterBatch) {
    List<Long> millis = new ArrayList<>();
    long firstMillis;
    int split = 0;
    try (RunningPipeline running = RunningPipeline.start(spark, config(false))) {
      List<GeneratedEvent> first = series.first(this);
      Path firstStaging = work.resolve("history/" + series.name() + orders + "-first");
      firstMillis =
          running
              .deliver(first, firstStaging, input, series.prefix() + orders + "-first-")
              .millis();
      say(
          "history %d orders%s: the pipeline's first batch, %d events, %d ms",
          orders, series.label(), first.size(), firstMillis);
      afterBatch.accept(-1, first, firstStaging);
      for (int r = 0; r < size.repeats(); r++) {
        List<GeneratedEvent> batch = series.steady(this, r);
        Path staging = work.resolve("history/" + series.name() + orders + "-" + r);
        RunningPipeline.Delivered delivered =
            running.deliver(batch, staging, input, series.prefix() + orders + "-" + r + "-");
        millis.add(delivered.millis());
        if (delivered.batches() > 1) {
          split++;
        }
        say(
            "history %d orders%s: batch of %d events %d ms%s",
            orders,
            series.label(),
            batch.size(),
            delivered.millis(),
            delivered.batches() > 1 ? " (" + delivered.batches() + " batches)" : "");
        afterBatch.accept(r, batch, staging);
      }
    }
    return new Timed(firstMillis, millis, split);
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
    List<BatchReport> reports = new ArrayList<>();
    new Pipeline(config(true), spark).onBatch(reports::add).run();
    return reports;
  }

  /** The history's pipeline: draining what is there and stopping ({@code once}), or running. */
  private RunConfig config(boolean once) {
    return new RunConfig(
        input.toString(),
        work.resolve("history/tables").toString(),
        work.resolve("history/checkpoint").toString(),
        once,
        LatencyBench.TRIGGER_INTERVAL,
        100_000,
        spark.sparkContext().master(),
        Map.of());
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
