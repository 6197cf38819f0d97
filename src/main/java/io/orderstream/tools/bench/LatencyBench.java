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
 * compilations, which a long-running pipeline pays once.
 */
final class LatencyBench {
  static final Duration TRIGGER_INTERVAL = Duration.ofSeconds(1);
  private static final String WARM_UP = "warmup-";
  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(5);

  record Result(List<Long> latenciesMillis, int batches) {}

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
    Pipeline pipeline =
        new Pipeline(config, spark)
            .onBatch(
                report -> {
                  long end = System.currentTimeMillis();
                  batches.incrementAndGet();
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
    List<GeneratedEvent> live = liveEvents(size);

    Thread runner = new Thread(pipeline::run, "bench-live-pipeline");
    try {
      Files.createDirectories(input);
      runner.start();
      int warmUpFiles = Inbox.deliver(warmUp, work.resolve("live/warmup"), input, WARM_UP).size();
      awaitFiles(filesDone, warmUpFiles);
      latencies.clear();
      int written =
          new LiveWriter()
              .write(live, input, size.liveEventsPerSecond(), size.liveDuration())
              .size();
      awaitFiles(filesDone, warmUpFiles + written);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pipeline.stop();
      runner.join();
    }
    return new Result(List.copyOf(latencies), batches.get());
  }

  /** Three orders' events, one per file (or record), processed first and not counted. */
  static List<GeneratedEvent> warmUpEvents() {
    return SampleGenerator.generate(
        GeneratorSpec.of(3, 99).withFormat(OutputFormat.JSONL).withEventsPerFile(1));
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
      if (!file.getFileName().toString().startsWith(WARM_UP)) {
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
