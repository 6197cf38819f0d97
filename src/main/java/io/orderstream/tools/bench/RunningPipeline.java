package io.orderstream.tools.bench;

import io.orderstream.config.RunConfig;
import io.orderstream.pipeline.BatchReport;
import io.orderstream.pipeline.Pipeline;
import io.orderstream.tools.generate.GeneratedEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;

/**
 * A pipeline left running between the batches the history part times, as a live stream runs: what
 * it keeps between batches (each order's stored winner, the dimensions' keys per file) is read at
 * its first batch and not again, so its later batches cost what a steady stream's do.
 *
 * <p>Files are delivered one rename at a time, so a trigger can fall in the middle of a delivery
 * and split it over two batches; {@link #deliver} then reports both batches' time, and how many
 * there were.
 */
final class RunningPipeline implements AutoCloseable {
  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(10);

  /**
   * @param millis the time of the batches that carried the delivered files
   * @param batches how many batches that was: 1 unless a trigger split the delivery
   */
  record Delivered(long millis, int batches) {}

  private final Pipeline pipeline;
  private final Thread runner;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<BatchReport> reports = new ArrayList<>();
  private long inputsDone;

  private RunningPipeline(SparkSession spark, RunConfig config) {
    if (config.once()) {
      throw new IllegalArgumentException("A running pipeline needs a config without once");
    }
    this.pipeline = new Pipeline(config, spark).onBatch(this::committed);
    this.runner =
        new Thread(
            () -> {
              try {
                pipeline.run();
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "bench-history-pipeline");
  }

  /** Starts the pipeline on {@code spark}, on a thread of its own. */
  static RunningPipeline start(SparkSession spark, RunConfig config) {
    RunningPipeline running = new RunningPipeline(spark, config);
    running.runner.start();
    return running;
  }

  /**
   * Writes {@code events} into the pipeline's input folder ({@link Inbox#deliver}) and waits until
   * every delivered file has been committed.
   */
  Delivered deliver(List<GeneratedEvent> events, Path staging, Path input, String prefix) {
    int before;
    long target;
    synchronized (this) {
      before = reports.size();
      target = inputsDone;
    }
    target += Inbox.deliver(events, staging, input, prefix).size();
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    synchronized (this) {
      while (inputsDone < target) {
        Throwable failed = failure.get();
        if (failed != null) {
          throw new IllegalStateException(
              "The history part's pipeline stopped: " + failed.getMessage(), failed);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "The history part's pipeline committed "
                  + inputsDone
                  + " of "
                  + target
                  + " files within "
                  + DRAIN_LIMIT.toMinutes()
                  + " minutes");
        }
        try {
          // Woken by each commit; the timeout lets a failed pipeline be noticed.
          wait(Math.min(left / 1_000_000 + 1, 500));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while the history part's batch ran", e);
        }
      }
      List<BatchReport> carried = reports.subList(before, reports.size());
      return new Delivered(carried.stream().mapToLong(BatchReport::millis).sum(), carried.size());
    }
  }

  /** Stops the pipeline after its current batch and waits for it to end. */
  @Override
  public void close() {
    try {
      while (runner.isAlive()) {
        // A stop asked before the query started does nothing: ask again until it ends.
        pipeline.stop();
        runner.join(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stopping the history part's pipeline", e);
    }
    Throwable failed = failure.get();
    if (failed != null) {
      throw new IllegalStateException(
          "The history part's pipeline failed: " + failed.getMessage(), failed);
    }
  }

  private synchronized void committed(BatchReport report) {
    reports.add(report);
    inputsDone += report.inputs();
    notifyAll();
  }
}
