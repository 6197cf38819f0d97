package io.orderstream.tools.bench;

import io.orderstream.config.RunConfig;
import io.orderstream.pipeline.BatchReport;
import io.orderstream.pipeline.Pipeline;
import io.orderstream.source.inputs.InputLog;
import io.orderstream.source.inputs.InputRef;
import io.orderstream.tools.generate.GeneratedEvent;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.LiveWriter;
import io.orderstream.tools.generate.OutputFormat;
import io.orderstream.tools.generate.SampleGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Measure 3: events arrive live, one per file, at a steady rate while the pipeline runs
 * continuously. A file's latency is from its rename into the input folder (its modification time:
 * written just before the rename) to the end of the batch that carried it, when its order's new
 * state has committed in {@code order_item} and every other table.
 *
 * <p>A few warm-up files are processed first and not counted: they pay the JVM's and Spark's first
 * compilations, which a long-running pipeline pays once. Then the small-batch phase times a steady
 * batch's own cost: {@value #SMALL_BATCHES} rounds of {@value #SMALL_BATCH_FILES} one-event files,
 * each round delivered at once and waited for, so each batch carries about one round. The timed
 * rounds follow {@value #WARM_UP_ROUNDS} untimed rounds of the same shape: after the few warm-up
 * files alone, batches of this shape were still getting faster round after round (4.2 s, 4.3 s, 2.7
 * s, 2.2 s, 1.9 s) as the JIT compiled their code, and the key is the cost of a warm batch.
 */
final class LatencyBench {
  static final Duration TRIGGER_INTERVAL = Duration.ofSeconds(1);
  private static final String WARM_UP = "warmup-";
  private static final String SMALL_BATCH = "small-";

  /** Files of each steady small batch, one event each; and how many such batches are timed. */
  static final int SMALL_BATCH_FILES = 20;

  static final int SMALL_BATCHES = 5;

  /** Untimed rounds of the small-batch shape before the timed ones. */
  static final int WARM_UP_ROUNDS = 5;

  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(5);

  /**
   * @param latenciesMillis one per live file
   * @param batches the live phase's batches
   * @param smallBatchMillis the duration of each batch of the small-batch phase, as its report says
   * @param smallBatchInputs the files each of those batches carried
   */
  record Result(
      List<Long> latenciesMillis,
      int batches,
      List<Long> smallBatchMillis,
      List<Long> smallBatchInputs) {}

  private LatencyBench() {}

  static Result run(SparkSession spark, BenchSize size, Path work) throws InterruptedException {
    Path input = work.resolve("live/input");
    String checkpoint = work.resolve("live/checkpoint").toString();
    RunConfig config =
        new RunConfig(
            input.toString(),
            work.resolve("live/tables").toString(),
            checkpoint,
            false,
            TRIGGER_INTERVAL,
            1000,
            spark.sparkContext().master(),
            Map.of());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger filesDone = new AtomicInteger();
    AtomicInteger batches = new AtomicInteger();
    // Batches are timed only while the small-batch phase runs; the live phase measures latency.
    AtomicBoolean timingSmallBatches = new AtomicBoolean();
    ConcurrentLinkedQueue<BatchReport> smallBatches = new ConcurrentLinkedQueue<>();
    Pipeline pipeline =
        new Pipeline(config, spark)
            .onBatch(
                report -> {
                  long end = System.currentTimeMillis();
                  if (timingSmallBatches.get()) {
                    smallBatches.add(report);
                  } else {
                    batches.incrementAndGet();
                  }
                  record(
                      report,
                      InputLog.ofCheckpoint(checkpoint, hadoop)
                          .read(report.batchId())
                          .orElse(List.of())
                          .stream()
                          .map(InputRef::uri)
                          .toList(),
                      end,
                      latencies,
                      filesDone);
                });

    List<GeneratedEvent> warmUp = warmUpEvents();
    List<GeneratedEvent> small = smallBatchEvents();
    List<GeneratedEvent> live = liveEvents(size);

    Thread runner = new Thread(pipeline::run, "bench-live-pipeline");
    try {
      Files.createDirectories(input);
      runner.start();
      int warmUpFiles = Inbox.deliver(warmUp, work.resolve("live/warmup"), input, WARM_UP).size();
      awaitFiles(filesDone, warmUpFiles);
      int delivered = warmUpFiles;
      for (int round = 0; round < WARM_UP_ROUNDS + SMALL_BATCHES; round++) {
        boolean timed = round >= WARM_UP_ROUNDS;
        timingSmallBatches.set(timed);
        List<GeneratedEvent> batch =
            small.subList(round * SMALL_BATCH_FILES, (round + 1) * SMALL_BATCH_FILES);
        delivered +=
            Inbox.deliver(
                    batch,
                    work.resolve("live/small-" + round),
                    input,
                    (timed ? SMALL_BATCH : WARM_UP + SMALL_BATCH) + round)
                .size();
        awaitFiles(filesDone, delivered);
      }
      timingSmallBatches.set(false);
      latencies.clear();
      int written =
          new LiveWriter()
              .write(live, input, size.liveEventsPerSecond(), size.liveDuration())
              .size();
      awaitFiles(filesDone, delivered + written);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pipeline.stop();
      runner.join();
    }
    return new Result(
        List.copyOf(latencies),
        batches.get(),
        smallBatches.stream().map(BatchReport::millis).toList(),
        smallBatches.stream().map(BatchReport::inputs).toList());
  }

  /** Three orders' events, one per file (or record), processed first and not counted. */
  static List<GeneratedEvent> warmUpEvents() {
    return SampleGenerator.generate(
        GeneratorSpec.of(3, 99).withFormat(OutputFormat.JSONL).withEventsPerFile(1));
  }

  /**
   * Events for the small-batch phase, untimed rounds first, one per file: new orders and later
   * events of the same orders, as a steady stream brings them.
   */
  static List<GeneratedEvent> smallBatchEvents() {
    int rounds = WARM_UP_ROUNDS + SMALL_BATCHES;
    List<GeneratedEvent> events =
        SampleGenerator.generate(
            GeneratorSpec.of(SMALL_BATCH_FILES * rounds / 3, 23)
                .withFormat(OutputFormat.JSONL)
                .withEventsPerFile(1));
    if (events.size() < SMALL_BATCH_FILES * rounds) {
      throw new IllegalStateException(
          "The small-batch phase needs "
              + SMALL_BATCH_FILES * rounds
              + " events; the generator made "
              + events.size());
    }
    return events;
  }

  /** Enough events for the live rate and duration of {@code size}, about five per order. */
  static List<GeneratedEvent> liveEvents(BenchSize size) {
    int events = (int) Math.ceil(size.liveEventsPerSecond() * size.liveDuration().toSeconds());
    return SampleGenerator.generate(
        GeneratorSpec.of(Math.max(1, events / 5), 7)
            .withFormat(OutputFormat.JSONL)
            .withEventsPerFile(1));
  }

  private static void record(
      BatchReport report,
      List<String> files,
      long end,
      ConcurrentLinkedQueue<Long> latencies,
      AtomicInteger filesDone) {
    for (String uri : files) {
      Path file = Path.of(URI.create(uri));
      String name = file.getFileName().toString();
      if (!name.startsWith(WARM_UP) && !name.startsWith(SMALL_BATCH)) {
        latencies.add(end - modified(file));
      }
    }
    filesDone.addAndGet(files.size());
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitFiles(AtomicInteger done, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    while (done.get() < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The live pipeline processed "
                + done.get()
                + " of "
                + expected
                + " files within "
                + DRAIN_LIMIT.toMinutes()
                + " minutes");
      }
      Thread.sleep(200);
    }
  }
}
