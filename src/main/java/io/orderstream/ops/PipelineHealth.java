package io.orderstream.ops;

import io.orderstream.config.Durations;
import io.orderstream.ops.PipelineStatus.BatchLine;
import io.orderstream.sink.BatchManifest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether a pipeline looks healthy, from what {@code orderstream status} read: unhealthy when a
 * batch has been in flight longer than the threshold (it failed or is stuck), or when nothing has
 * committed for that long while inputs are known to wait (the pipeline is stopped or stuck). A
 * quiet feed with nothing waiting stays healthy however old its newest manifest is.
 */
public final class PipelineHealth {
  private PipelineHealth() {}

  /**
   * The inputs waiting and how they were counted: listed now (a folder against the checkpoint),
   * else as the last batch left them (the batch log's {@code inputs_waiting}).
   *
   * @param count empty when unknown: nothing listed, and a source that does not count them
   * @param asOf "listed now", "when batch N committed", or why it is unknown
   */
  public record InputsWaiting(OptionalLong count, String asOf) {
    /**
     * @param listedNow the folder's count, when it was listed
     * @param lastBatches the batch log's newest lines, newest first
     */
    public static InputsWaiting of(OptionalLong listedNow, List<BatchLine> lastBatches) {
      if (listedNow.isPresent()) {
        return new InputsWaiting(listedNow, "listed now");
      }
      if (lastBatches.isEmpty()) {
        return new InputsWaiting(OptionalLong.empty(), "no batch in the batch log");
      }
      BatchLine last = lastBatches.get(0);
      return last.inputsWaiting() == null
          ? new InputsWaiting(
              OptionalLong.empty(), "the source does not count them; --input counts a folder")
          : new InputsWaiting(
              OptionalLong.of(last.inputsWaiting()), "when batch " + last.batchId() + " committed");
    }

    /** {@code 3 (listed now)}, {@code unknown (...)}. */
    public String describe() {
      return (count.isPresent() ? Long.toString(count.getAsLong()) : "unknown") + " (" + asOf + ")";
    }
  }

  /** Why the pipeline is unhealthy at {@code now}; empty when it is not. */
  public static List<String> problems(
      BatchManifest newest,
      Optional<CheckpointProgress> progress,
      InputsWaiting waiting,
      Duration stale,
      Instant now) {
    List<String> problems = new ArrayList<>();
    stuckBatch(progress, stale, now).ifPresent(problems::add);
    idleWhileInputsWait(newest, waiting, stale, now).ifPresent(problems::add);
    return problems;
  }

  private static Optional<String> stuckBatch(
      Optional<CheckpointProgress> progress, Duration stale, Instant now) {
    return progress
        .filter(p -> p.inFlight() >= 0 && p.startedAt().isPresent())
        .filter(p -> Duration.between(p.startedAt().get(), now).compareTo(stale) > 0)
        .map(
            p ->
                String.format(
                    Locale.ROOT,
                    "batch %d started %s (%s ago) and has not committed: it failed or is stuck;"
                        + " see the run's log",
                    p.inFlight(),
                    p.startedAt().get(),
                    Durations.describe(Duration.between(p.startedAt().get(), now))));
  }

  private static Optional<String> idleWhileInputsWait(
      BatchManifest newest, InputsWaiting waiting, Duration stale, Instant now) {
    Duration idle = Duration.between(newest.committedAt(), now);
    if (waiting.count().orElse(0) == 0 || idle.compareTo(stale) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "no batch has committed for %s (the newest manifest is batch %d) while %d inputs wait"
                + " (%s): the pipeline is stopped or stuck; see the run's log",
            Durations.describe(idle),
            newest.batchId(),
            waiting.count().getAsLong(),
            waiting.asOf()));
  }
}
