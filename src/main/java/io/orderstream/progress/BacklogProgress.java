package io.orderstream.progress;

import io.orderstream.pipeline.BatchReport;
import io.orderstream.source.Backlog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a {@code run --once} is through its backlog: inputs done out of the total counted at
 * start, events per second, and the time left. Pure arithmetic over the batches' reports and a
 * clock, so it is tested without a terminal or Spark; {@link ProgressDisplay} draws it.
 *
 * <p>Rate and time left are averages from the start to the last committed batch, not the last batch
 * alone: the first batch carries Spark's warm-up and batches differ in size, so one batch is a poor
 * predictor, and the average settles as the run goes. Between batches the time left counts down
 * from what the last batch predicted, never below zero. Thread-safe: batches are recorded on the
 * batch's thread, the bar is drawn on its own.
 */
final class BacklogProgress {
  private final Clock clock;
  private final Instant started;
  private final OptionalLong counted;
  private long inputs;
  private long events;
  private Instant lastBatch;

  /** Starts counting now, {@code backlog} being what the run is to drain. */
  BacklogProgress(Clock clock, Backlog backlog) {
    this.clock = clock;
    this.started = clock.instant();
    this.counted = backlog.inputs();
  }

  /** Counts a committed batch. */
  synchronized void record(BatchReport report) {
    inputs += report.inputs();
    events += report.events();
    lastBatch = clock.instant();
  }

  /** Inputs read so far: files, objects or records, as {@link BatchReport#inputs()} counts them. */
  synchronized long done() {
    return inputs;
  }

  /**
   * The inputs to read in all; empty when the source could not count them. Never below {@link
   * #done()}: inputs that landed between the count and the query's start are read too.
   */
  synchronized OptionalLong total() {
    return counted.isPresent() ? OptionalLong.of(Math.max(counted.getAsLong(), inputs)) : counted;
  }

  /** Events per second from the start to the last batch; 0 before the first batch. */
  synchronized double eventsPerSecond() {
    double seconds = lastBatch == null ? 0 : Duration.between(started, lastBatch).toMillis() / 1e3;
    return seconds > 0 ? events / seconds : 0;
  }

  /**
   * Time until every counted input is read, at the average pace per input so far, less the time
   * since the last batch; empty while the total is unknown or no input is done.
   */
  synchronized Optional<Duration> timeLeft() {
    OptionalLong total = total();
    if (total.isEmpty() || inputs == 0) {
      return Optional.empty();
    }
    Duration perInput = Duration.between(started, lastBatch).dividedBy(inputs);
    Duration predicted = perInput.multipliedBy(total.getAsLong() - inputs);
    Duration left = predicted.minus(Duration.between(lastBatch, clock.instant()));
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }
}
