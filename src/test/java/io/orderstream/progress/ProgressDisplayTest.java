package io.orderstream.progress;

import static io.orderstream.progress.BacklogProgressTest.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.source.Backlog;
import io.orderstream.testing.SettableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
  private static final RunConfig ONCE = config(true);

  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T10:00:00Z"));
  private final StringWriter terminal = new StringWriter();
  private final AtomicInteger redirections = new AtomicInteger();

  // ---------------------------------------------------------------- when it is drawn

  @Test
  void notOnATerminalNothingIsDrawnNorRedirected() {
    assertThat(runTwelveOfForty(ONCE, false)).isFalse();

    assertThat(terminal.toString()).isEmpty();
    assertThat(redirections).hasValue(0);
  }

  @Test
  void progressFalseDrawsNothingOnATerminal() {
    assertThat(runTwelveOfForty(ONCE.with(Setting.PROGRESS, false), true)).isFalse();

    assertThat(terminal.toString()).isEmpty();
  }

  @Test
  void aContinuousRunDrawsNothingOnATerminal() {
    assertThat(runTwelveOfForty(config(false), true)).isFalse();

    assertThat(terminal.toString()).isEmpty();
  }

  // ---------------------------------------------------------------- what it shows

  @Test
  void onATerminalTheBarShowsDoneOfTotalRateAndTimeLeftAndEndsItsLine() {
    assertThat(runTwelveOfForty(ONCE, true)).isTrue();

    String drawn = terminal.toString();
    assertThat(drawn)
        .contains("orderstream  30% [")
        .contains("] 12/40 inputs (")
        .contains(" / 0:01:10) 20.0 events/s") // 12 in 30 s, 28 to go; 600 events in 30 s
        .endsWith(System.lineSeparator());
    assertThat(redirections).hasValue(1);
  }

  @Test
  void anUncountedBacklogShowsDoneAndRateWithoutTotalOrTimeLeft() {
    ProgressDisplay display = open(ONCE, true);
    display.backlog(Backlog.unknown());
    clock.advanceSeconds(10);
    display.accept(batch(5, 50));
    display.close();

    assertThat(terminal.toString())
        .contains("? % [")
        .contains("] 5/? inputs (")
        .contains(" / ?) 5.0 events/s");
  }

  private static RunConfig config(boolean once) {
    return new RunConfig(
        "in", "tables", "checkpoint", once, Duration.ofSeconds(5), 10, "local[1]", Map.of());
  }

  @Test
  void aBarClosedBeforeItsFirstScheduledDrawingStillEndsItsLine() {
    // A run with nothing to read closes the bar at once; whether the library's thread drew it
    // first is a race, so try it often enough to meet both orders.
    for (int run = 0; run < 20; run++) {
      StringWriter screen = new StringWriter();
      ProgressDisplay display =
          ProgressDisplay.open(
              ONCE, () -> true, new PrintWriter(screen, true), clock, () -> 120, line -> () -> {});
      display.backlog(Backlog.of(0));
      display.close();

      assertThat(screen.toString())
          .as("run %d", run)
          .contains("0/0 inputs")
          .endsWith(System.lineSeparator());
    }
  }

  /** Opens a display, reports a backlog of 40 and a batch of 12 inputs after 30 s, closes it. */
  private boolean runTwelveOfForty(RunConfig config, boolean onTerminal) {
    ProgressDisplay display = open(config, onTerminal);
    display.backlog(Backlog.of(40));
    clock.advanceSeconds(30);
    display.accept(batch(12, 600));
    display.close();
    return display.shown();
  }

  private ProgressDisplay open(RunConfig config, boolean onTerminal) {
    return ProgressDisplay.open(
        config,
        () -> onTerminal,
        new PrintWriter(terminal, true),
        clock,
        () -> 120,
        line -> {
          redirections.incrementAndGet();
          return () -> {};
        });
  }
}
