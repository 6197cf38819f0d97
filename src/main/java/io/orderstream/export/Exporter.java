package io.orderstream.export;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs export steps: one, or with {@code follow} one every interval until {@link #stop()}. A stop
 * lets the running step commit; since every step is one transaction, a process killed anyway loses
 * nothing but the step in flight, which the next start does again.
 */
public final class Exporter {
  private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);

  private final ExportStep step;
  private final ExportConfig config;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /**
   * @param spark the session that reads the Delta tables; asked for only when a step has changes,
   *     so an up-to-date database, a missing manifest or an unreachable database cost no Spark
   *     start
   */
  public Exporter(Supplier<SparkSession> spark, ExportConfig config) {
    this.step = new ExportStep(spark, config);
    this.config = config;
  }

  /**
   * Runs until done (one step) or stopped (following); each step's result goes to {@code report}.
   */
  public void run(Consumer<StepResult> report) {
    report.accept(step.run());
    while (config.follow() && !awaitStop()) {
      StepResult result = step.run();
      if (!result.changedNothing()) {
        report.accept(result);
      }
    }
  }

  /** Ends {@link #run} after the step in progress, if any. */
  public void stop() {
    LOG.info("Stop requested; the export ends after the current step");
    stopped.countDown();
  }

  private boolean awaitStop() {
    try {
      return stopped.await(config.interval().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
