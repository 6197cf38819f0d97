package io.orderstream.bench;

import static org.apache.spark.sql.functions.col;

import io.orderstream.config.RunConfig;
import io.orderstream.generate.GeneratedEvent;
import io.orderstream.generate.GeneratorSpec;
import io.orderstream.generate.OutputFormat;
import io.orderstream.generate.SampleGenerator;
import io.orderstream.model.Tables;
import io.orderstream.pipeline.BatchReport;
import io.orderstream.pipeline.FullRecompute;
import io.orderstream.pipeline.Pipeline;
import io.orderstream.sink.TableCreator;
import io.orderstream.sink.TableLocations;
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
 * <p>The history is loaded through the pipeline itself in large batches, each order's final event
 * only ({@link SampleGenerator#latestOnly}), and the same files go to the baseline's event store.
 * The timed batches are new orders' whole lifecycles, created after the history: the common case of
 * a live feed, where a batch's orders are recent.
 */
final class HistoryBench {
  static final int HISTORY_EVENTS_PER_FILE = 1000;
  static final int BATCH_EVENTS_PER_FILE = 20;
  private static final Instant HISTORY_START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant BATCHES_START = Instant.parse("2026-01-01T00:00:00Z");

  record Point(int orders, List<Long> batchMillis, int batchEvents, long baselineMillis, long loadMillis) {}

  private final SparkSession spark;
  private final BenchSize size;
  private final Path work;
  private final PrintWriter progress;
  private final Path input;
  private final FullRecompute baseline;
  private int loaded;
  private int chunks;
  private long baselineBatchId;

  HistoryBench(SparkSession spark, BenchSize size, Path work, PrintWriter progress) {
    this.spark = spark;
    this.size = size;
    this.work = work;
    this.progress = progress;
    this.input = work.resolve("history/input");
    TableLocations baselineTables = new TableLocations(work.resolve("baseline/tables").toString());
    new TableCreator(spark, baselineTables).createMissing(Tables.all());
    this.baseline = new FullRecompute(spark, work.resolve("baseline/store").toString(), baselineTables);
  }

  List<Point> run() {
    List<Point> points = new ArrayList<>();
    for (int orders : size.historyOrders()) {
      long load = growTo(orders);
      List<Long> batches = new ArrayList<>();
      int events = 0;
      long baselineMillis = 0;
      for (int r = 0; r < size.repeats(); r++) {
        List<GeneratedEvent> batch = SampleGenerator.generate(GeneratorSpec.of(size.batchOrders(), 10_000L + orders + r)
            .withFormat(OutputFormat.JSONL).withEventsPerFile(BATCH_EVENTS_PER_FILE)
            .withStart(BATCHES_START.plus(Duration.ofDays(30L * points.size() + 3L * r))));
        events = batch.size();
        Path staging = work.resolve("history/batch-" + orders + "-" + r);
        Inbox.deliver(batch, staging, input, "b" + orders + "-" + r + "-");
        batches.add(runPipeline(size.batchOrders()).stream().mapToLong(BatchReport::millis).sum());
        if (r == 0) {
          long started = System.nanoTime();
          baseline.batch(files(staging), baselineBatchId++);
          baselineMillis = (System.nanoTime() - started) / 1_000_000;
        } else {
          baseline.store(files(staging));
        }
        progress.printf("history %d orders: batch of %d events %d ms (baseline %d ms)%n",
            orders, events, batches.get(batches.size() - 1), baselineMillis);
        progress.flush();
      }
      points.add(new Point(orders, batches, events, baselineMillis, load));
    }
    return points;
  }

  /** Loads history until the tables hold {@code orders} orders; returns the pipeline's time. */
  private long growTo(int orders) {
    long millis = 0;
    while (loaded < orders) {
      int n = Math.min(size.historyChunkOrders(), orders - loaded);
      List<GeneratedEvent> chunk = SampleGenerator.latestOnly(GeneratorSpec.of(n, 1_000L + chunks)
          .withFormat(OutputFormat.JSONL).withEventsPerFile(HISTORY_EVENTS_PER_FILE)
          .withStart(HISTORY_START.plus(Duration.ofDays(14L * chunks))));
      Path staging = work.resolve("history/chunk-" + chunks);
      Inbox.deliver(chunk, staging, input, "h" + chunks + "-");
      millis += runPipeline(n).stream().mapToLong(BatchReport::millis).sum();
      baseline.store(files(staging));
      loaded += n;
      chunks++;
      progress.printf("history loaded: %d orders%n", loaded);
      progress.flush();
    }
    return millis;
  }

  /** Drains the input folder with every new file in one batch; returns the batches' reports. */
  private List<BatchReport> runPipeline(int orders) {
    RunConfig config = new RunConfig(input.toString(), work.resolve("history/tables").toString(),
        work.resolve("history/checkpoint").toString(), true, Duration.ofSeconds(1), 100_000,
        spark.sparkContext().master(), Map.of());
    List<BatchReport> reports = new ArrayList<>();
    new Pipeline(config, spark).onBatch(reports::add).run();
    return reports;
  }

  private Dataset<Row> files(Path folder) {
    return spark.read().format("binaryFile").load(folder.toString())
        .select(col("path").as("source"), col("content"));
  }
}
