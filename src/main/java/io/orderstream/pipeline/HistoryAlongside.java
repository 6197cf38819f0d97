package io.orderstream.pipeline;

import io.orderstream.model.HistoryBatch;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Computes a batch's {@link EventHistory} on a thread of its own while change detection runs.
 *
 * <p>Both are chains of small Spark jobs whose time goes mostly to planning and scheduling on the
 * driver, not to the cores, so side by side they take little longer than the slower one alone. The
 * history is computed from every valid event; in the rare batch where change detection quarantines
 * an event as unprocessable, it is computed again without that event.
 */
final class HistoryAlongside<T> {
  /** A thread per batch, which ends with the computation: nothing is left to shut down. */
  private static final Executor THREAD_PER_BATCH =
      task -> {
        Thread thread = new Thread(task, "orderstream-history");
        thread.setDaemon(true);
        thread.start();
      };

  private final EventHistory history;
  private final Function<HistoryBatch, T> prepare;

  /**
   * @param prepare what the caller makes of the changes (brought to the driver, ready to write)
   */
  HistoryAlongside(EventHistory history, Function<HistoryBatch, T> prepare) {
    this.history = history;
    this.prepare = prepare;
  }

  /** Starts computing the changes of {@code events} (decoded valid events). */
  Pending start(Dataset<Row> events, long batchId) {
    return new Pending(
        CompletableFuture.supplyAsync(() -> compute(events, batchId), THREAD_PER_BATCH),
        events,
        batchId);
  }

  private T compute(Dataset<Row> events, long batchId) {
    return history.of(events, batchId).map(prepare).orElse(null);
  }

  /** A computation under way. */
  final class Pending {
    private final Future<T> result;
    private final Dataset<Row> events;
    private final long batchId;

    private Pending(Future<T> result, Dataset<Row> events, long batchId) {
      this.result = result;
      this.events = events;
      this.batchId = batchId;
    }

    /**
     * The changes, once computed; null when the batch has none.
     *
     * @param unprocessable events change detection quarantined (order_id, event_hash); null when
     *     none
     */
    T finish(Dataset<Row> unprocessable) {
      T early = await();
      if (unprocessable == null) {
        return early;
      }
      Dataset<Row> kept =
          events.join(
              unprocessable.select("order_id", "event_hash"),
              scala.jdk.javaapi.CollectionConverters.asScala(List.of("order_id", "event_hash"))
                  .toList(),
              "left_anti");
      return compute(kept, batchId);
    }

    /** Waits for the computation to end, whatever its outcome: the batch failed meanwhile. */
    void abandon() {
      try {
        result.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | RuntimeException ignored) {
        // the batch's own failure is the one reported
      }
    }

    private T await() {
      try {
        return result.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while computing the status histories", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }
}
