package io.orderstream.tools.generate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Writes events at a steady rate instead of all at once, for latency benchmarks: file {@code k} is
 * written when the events before it are due at {@code eventsPerSecond}. Each file appears
 * atomically. Pacing is against a fixed start, so a slow write does not slow the rate down for the
 * rest of the run.
 */
public final class LiveWriter {
  /** Waits; separate so tests can run the schedule without sleeping. */
  interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final LongSupplier nanoClock;
  private final Sleeper sleeper;

  public LiveWriter() {
    this(System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  LiveWriter(LongSupplier nanoClock, Sleeper sleeper) {
    this.nanoClock = nanoClock;
    this.sleeper = sleeper;
  }

  /** Writes every file of {@code events} at {@code eventsPerSecond}; returns the paths written. */
  public List<Path> write(List<GeneratedEvent> events, Path dir, double eventsPerSecond) {
    return write(events, dir, eventsPerSecond, Duration.ofNanos(Long.MAX_VALUE));
  }

  /**
   * As {@link #write(List, Path, double)}, but stops before the first file due at or after {@code
   * limit} from the start.
   */
  public List<Path> write(
      List<GeneratedEvent> events, Path dir, double eventsPerSecond, Duration limit) {
    if (!(eventsPerSecond > 0)) {
      throw new IllegalArgumentException("eventsPerSecond must be > 0, was " + eventsPerSecond);
    }
    EventWriter.createDirectories(dir);
    long start = nanoClock.getAsLong();
    long limitNanos = limit.toNanos();
    List<Path> written = new ArrayList<>();
    long due = 0;
    for (EventFile file : EventFile.group(events)) {
      long offset = (long) (due * 1e9 / eventsPerSecond);
      if (offset >= limitNanos) {
        break;
      }
      waitUntil(start + offset);
      written.add(AtomicFiles.write(dir, file.name(), file.bytes()));
      due += file.events();
    }
    return written;
  }

  private void waitUntil(long deadline) {
    long remaining = deadline - nanoClock.getAsLong();
    if (remaining <= 0) {
      return;
    }
    try {
      sleeper.sleepNanos(remaining);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting to write the next event file", e);
    }
  }
}
