package io.orderstream.source.inputs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * Reads a task's inputs several at a time, handing the rows on in the inputs' order. An object in
 * S3 costs two round trips (its status, then its content) whatever its size, so a task reading one
 * object after another spends its time waiting on the network: on the local S3 server, a
 * 3,488-object batch took about three times as long to read as the same files from a local folder.
 *
 * <p>The window is bounded by count and by the inputs' listed sizes, so a task holds at most
 * {@value #IN_FLIGHT} inputs, or one input however large, in memory beyond the one Spark is using.
 */
final class ReadAhead implements PartitionReader<InternalRow> {
  /**
   * Requests one task keeps open: enough to hide a round trip, well under s3a's connection pool.
   */
  static final int IN_FLIGHT = 16;

  /** Bytes of content read ahead, by the sizes seen at discovery. */
  static final long IN_FLIGHT_BYTES = 128L * 1024 * 1024;

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Iterator<InputRef> inputs;
  private final Function<InputRef, InternalRow> read;
  private final ExecutorService pool;
  private final Deque<Pending> window = new ArrayDeque<>();
  private InputRef waiting;
  private long windowBytes;
  private InternalRow current;

  ReadAhead(Iterator<InputRef> inputs, Function<InputRef, InternalRow> read) {
    this.inputs = inputs;
    this.read = read;
    this.pool =
        Executors.newFixedThreadPool(
            IN_FLIGHT,
            task -> {
              Thread thread = new Thread(task, "orderstream-read-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public boolean next() {
    fill();
    Pending head = window.poll();
    if (head == null) {
      return false;
    }
    windowBytes -= head.input().size();
    current = await(head);
    return true;
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private void fill() {
    while (window.size() < IN_FLIGHT) {
      if (waiting == null) {
        if (!inputs.hasNext()) {
          return;
        }
        waiting = inputs.next();
      }
      if (!window.isEmpty() && windowBytes + waiting.size() > IN_FLIGHT_BYTES) {
        return;
      }
      InputRef input = waiting;
      waiting = null;
      window.add(new Pending(input, pool.submit(() -> read.apply(input))));
      windowBytes += input.size();
    }
  }

  private static InternalRow await(Pending pending) {
    try {
      return pending.row().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("Cannot read " + pending.input().name(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading " + pending.input().name(), e);
    }
  }

  private record Pending(InputRef input, Future<InternalRow> row) {}
}
