package io.orderstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Phases add up under their names, also when they fail, and are listed in their names' order. */
class PhaseTimesTest {

  @Test
  void aPhaseTimedTwiceAddsUpAndPhasesAreListedByName() throws Exception {
    PhaseTimes phases = new PhaseTimes();

    phases.run("write:seller", () -> sleep(30));
    assertThat(phases.time("decode", () -> 7)).isEqualTo(7);
    phases.run("write:seller", () -> sleep(30));
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
                      sleep(20);
                      throw new IllegalStateException("no room");
                    }))
        .hasMessage("no room");

    assertThat(phases.snapshot().get("tables")).isGreaterThanOrEqualTo(20);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
