package io.orderstream.sink;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Wall-clock milliseconds per named phase of one batch (for the batch log) or of a start. Safe to
 * record from the threads that write tables side by side.
 */
public final class PhaseTimes {
  private final Map<String, Long> millis = new ConcurrentHashMap<>();

  /** Runs {@code work}, adding its time to {@code phase} (also when it throws). */
  public <T> T time(String phase, Supplier<T> work) {
    long started = System.nanoTime();
    try {
      return work.get();
    } finally {
      millis.merge(phase, (System.nanoTime() - started) / 1_000_000, Long::sum);
    }
  }

  /** {@link #time} for work that returns nothing. */
  public void run(String phase, Runnable work) {
    time(
        phase,
        () -> {
          work.run();
          return null;
        });
  }

  /** The phases recorded so far, by name, in the names' order. */
  public Map<String, Long> snapshot() {
    return Collections.unmodifiableMap(new TreeMap<>(millis));
  }
}
