package io.orderstream.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.pipeline.BatchReport;
import io.orderstream.source.Backlog;
import io.orderstream.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacklogProgressTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T10:00:00Z"));

  // ---------------------------------------------------------------- done and total

  @Test
  void doneAddsUpTheBatchesInputsOutOfTheCountedTotal() {
    BacklogProgress progress = new BacklogProgress(clock, Backlog.of(40));

    progress.record(batch(5, 100));
    progress.record(batch(7, 150));

    assertThat(progress.done()).isEqualTo(12);
    assertThat(progress.total()).hasValue(40);
  }

  @Test
  void totalRisesToDoneWhenInputsLandedAfterTheCount() {
    BacklogProgress progress = new BacklogProgress(clock, Backlog.of(10));

    progress.record(batch(12, 100));

    assertThat(progress.total()).hasValue(12);
    assertThat(progress.timeLeft()).contains(Duration.ZERO);
  }

  // ---------------------------------------------------------------- rate

  @Test
  void rateIsEventsFromTheStartToTheLastBatchAndHoldsBetweenBatches() {
    BacklogProgress progress = new BacklogProgress(clock, Backlog.of(40));
    assertThat(progress.eventsPerSecond()).isZero();

    clock.advanceSeconds(20);
    progress.record(batch(4, 200));
    clock.advanceSeconds(10);
    progress.record(batch(8, 400));
    assertThat(progress.eventsPerSecond()).isEqualTo(600 / 30.0);

    clock.advanceSeconds(15);
    assertThat(progress.eventsPerSecond()).isEqualTo(600 / 30.0);
  }

  // ---------------------------------------------------------------- time left

  @Test
  void timeLeftIsThePacePerInputSoFarTimesWhatRemainsCountingDownBetweenBatches() {
    BacklogProgress progress = new BacklogProgress(clock, Backlog.of(40));
    assertThat(progress.timeLeft()).isEmpty();

    clock.advanceSeconds(30);
    progress.record(batch(12, 600)); // 2.5 s an input, 28 to go
    assertThat(progress.timeLeft()).contains(Duration.ofSeconds(70));

    clock.advanceSeconds(10);
    assertThat(progress.timeLeft()).contains(Duration.ofSeconds(60));

    clock.advanceSeconds(100);
    assertThat(progress.timeLeft()).contains(Duration.ZERO);

    progress.record(batch(28, 1400)); // 140 s for 40: done
    assertThat(progress.timeLeft()).contains(Duration.ZERO);
  }

  @Test
  void anUnknownBacklogHasNoTotalNorTimeLeftButDoneAndRate() {
    BacklogProgress progress = new BacklogProgress(clock, Backlog.unknown());

    clock.advanceSeconds(4);
    progress.record(batch(3, 80));

    assertThat(progress.done()).isEqualTo(3);
    assertThat(progress.total()).isEmpty();
    assertThat(progress.timeLeft()).isEmpty();
    assertThat(progress.eventsPerSecond()).isEqualTo(20.0);
  }

  static BatchReport batch(long inputs, long events) {
    return new BatchReport(
        0,
        inputs,
        events,
        0,
        Map.of(),
        0,
        Map.of(),
        java.time.Instant.EPOCH,
        1_000,
        Map.of(),
        java.util.OptionalLong.empty());
  }
}
