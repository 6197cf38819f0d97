package io.orderstream.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Stops a running query between batches: the first SIGTERM or Ctrl-C lets the current batch commit
 * and then stops the query, so {@code run} returns and the process exits 0; a second signal halts
 * at once (safe too: the interrupted batch is replayed on the next start).
 *
 * <p>A query that is behind starts the next batch the moment one ends, so waiting for an idle
 * moment is not enough: a batch that starts after the request calls {@link #holdForStop()} before
 * doing anything, and the query is stopped while it waits. Spark has recorded that batch's files
 * but not its completion, so the next start runs it again.
 */
final class GracefulStop {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);
  private static final int EXIT_INTERRUPTED = 130;
  private static final long POLL_MILLIS = 100;

  private final AtomicBoolean requested = new AtomicBoolean();
  private volatile StreamingQuery query;

  /** The query to stop once it is idle. */
  GracefulStop attach(StreamingQuery running) {
    this.query = running;
    return this;
  }

  boolean requested() {
    return requested.get();
  }

  /**
   * Called by a batch that starts after a stop was requested: stops the query and waits to be
   * interrupted by that stop, which Spark takes as a normal end (no error, nothing committed).
   */
  void holdForStop() throws InterruptedException {
    Thread stopper = new Thread(this::stopQuery, "orderstream-stop");
    stopper.setDaemon(true);
    stopper.start();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Handles SIGTERM and SIGINT for this query (the process's last handler wins). */
  GracefulStop onSignals() {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> onSignal(signal.getName()));
    }
    return this;
  }

  private void onSignal(String name) {
    if (requested.get()) {
      LOG.warn(
          "Second SIG{}: stopping now; the unfinished batch runs again on the next start", name);
      Runtime.getRuntime().halt(EXIT_INTERRUPTED);
    }
    LOG.info("SIG{}: stopping after the current batch commits; signal again to stop at once", name);
    request();
  }

  /** Asks for a stop after the current batch; returns at once. */
  void request() {
    if (requested.compareAndSet(false, true)) {
      Thread stopper = new Thread(this::stopWhenIdle, "orderstream-graceful-stop");
      stopper.setDaemon(true);
      stopper.start();
    }
  }

  private void stopWhenIdle() {
    StreamingQuery query = this.query;
    if (query == null) {
      return;
    }
    try {
      while (query.isActive() && query.status().isTriggerActive()) {
        Thread.sleep(POLL_MILLIS);
      }
      stopQuery();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stopQuery() {
    StreamingQuery running = this.query;
    try {
      if (running != null) {
        running.stop();
      }
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("The query did not stop in time: {}", e.getMessage());
    }
  }
}
