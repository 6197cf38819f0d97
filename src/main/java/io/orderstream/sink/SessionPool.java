package io.orderstream.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs work on several tables side by side (a batch's writes, table creation, checks, counts), each
 * thread in its own Spark session.
 *
 * <p>Most of a small MERGE's or query's time is spent on the driver (planning, reading and
 * committing the Delta log) rather than in tasks, so work on different tables overlaps well. Each
 * thread needs its own session because Delta reads the idempotency ids of a write ({@link
 * BatchTransaction}) from session settings; sessions share the SparkContext, so this costs nothing.
 */
public final class SessionPool implements AutoCloseable {
  private final ExecutorService threads;
  private final ThreadLocal<SparkSession> sessions;
  private final SparkContext context;

  public SessionPool(SparkSession base, int parallelism) {
    AtomicInteger counter = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            parallelism,
            r -> {
              Thread t = new Thread(r, "orderstream-writer-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.sessions = ThreadLocal.withInitial(base::newSession);
    this.context = base.sparkContext();
  }

  /** Threads for one-off work over the tables (creation, counts, checks); 2 cores keep few busy. */
  private static final int PER_TABLE_PARALLELISM = 4;

  /**
   * Runs {@code work} once per item (usually per table) on a pool of its own, side by side, and
   * returns the results in item order.
   */
  public static <I, T> List<T> forEach(
      SparkSession base, List<I> items, BiFunction<SparkSession, I, T> work) {
    List<Function<SparkSession, T>> tasks = new ArrayList<>();
    for (I item : items) {
      tasks.add(session -> work.apply(session, item));
    }
    try (SessionPool pool =
        new SessionPool(base, Math.max(1, Math.min(PER_TABLE_PARALLELISM, items.size())))) {
      return pool.runAll(tasks);
    }
  }

  /**
   * The submitting thread's Spark job properties that a task takes over. A pool thread inherits
   * them once, when it is created during the first batch; without this, every later batch's jobs
   * would carry that first batch's description (the Spark UI's "batch = 0") and its query run's job
   * group, which is what stopping a query cancels.
   */
  static final List<String> JOB_PROPERTIES =
      List.of("spark.job.description", "spark.jobGroup.id", "spark.job.interruptOnCancel");

  /** Runs every task, waits for all of them, and returns their results in task order. */
  public <T> List<T> runAll(List<Function<SparkSession, T>> tasks) {
    List<Future<T>> futures = new ArrayList<>();
    Map<String, String> submitter = new HashMap<>();
    JOB_PROPERTIES.forEach(key -> submitter.put(key, context.getLocalProperty(key)));
    for (Function<SparkSession, T> task : tasks) {
      futures.add(
          threads.submit(
              () -> {
                // A null value removes the property, as on the submitting thread.
                submitter.forEach(context::setLocalProperty);
                SparkSession session = sessions.get();
                SparkSession.setActiveSession(session);
                return task.apply(session);
              }));
    }
    List<T> results = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<T> future : futures) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        failure = failure != null ? failure : asRuntime(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure =
            failure != null
                ? failure
                : new IllegalStateException("interrupted while writing tables", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  private static RuntimeException asRuntime(Throwable cause) {
    return cause instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException(cause.getMessage(), cause);
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
