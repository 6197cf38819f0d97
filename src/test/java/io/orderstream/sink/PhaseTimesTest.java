package io.orderstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Phases add up under their names, also when they fail, and are listed in their names' order. */
class PhaseTimesTest {

  @Test
  void aPhaseTimedTwiceAddsUpAndPhasesAreListedByName() {
    PhaseTimes phases = new PhaseTimes();

    phases.run("write:seller", () -> spend(30));
    assertThat(phases.time("decode", () -> 7)).isEqualTo(7);
    phases.run("write:seller", () -> spend(30));
    phases.run("change_detection", () -> {});

    assertThat(phases.snapshot().keySet())
        .containsExactly("change_detection", "decode", "write:seller");
    assertThat(phases.snapshot().get("write:seller")).isGreaterThanOrEqualTo(60);
  }

  @Test
  void aPhaseThatFailsIsTimedToo() {
    PhaseTimes phases = new PhaseTimes();

    assertThatThrownBy(
            () ->
                phases.run(
                    "tables",
                    () -> {
                      spend(20);
                      throw new IllegalStateException("no room");
                    }))
        .hasMessage("no room");

    assertThat(phases.snapshot().get("tables")).isGreaterThanOrEqualTo(20);
  }

  /** Busy for at least {@code millis}: a sleep may wake early, which the checks could not take. */
  private static void spend(long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }
}
