package io.orderstream.progress;

import static io.orderstream.progress.BarLine.ERASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bar and the log lines share one screen (one buffer here), in the order they reach it. */
class BarLineTest {
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final BarLine line = new BarLine(new PrintWriter(screen, true, StandardCharsets.UTF_8));
  private final OutputStream log = line.above(screen);

  @Test
  void aLogLineErasesTheBarAndTheBarIsDrawnAgainBelowIt() throws IOException {
    line.draw("[==  ] 1/2");
    log.write("10:00:00 INFO batch 0\n".getBytes(StandardCharsets.UTF_8));

    assertThat(shown())
        .isEqualTo(ERASE + "[==  ] 1/2" + ERASE + "10:00:00 INFO batch 0\n" + ERASE + "[==  ] 1/2");
  }

  @Test
  void aRedrawWaitsForAHalfWrittenLogLine() throws IOException {
    line.draw("bar 1");
    log.write("10:00:00 WARN par".getBytes(StandardCharsets.UTF_8));
    line.draw("bar 2");
    log.write("tly written\n".getBytes(StandardCharsets.UTF_8));

    assertThat(shown())
        .isEqualTo(ERASE + "bar 1" + ERASE + "10:00:00 WARN partly written\n" + ERASE + "bar 2");
  }

  @Test
  void endLeavesTheBarAndMovesBelowItAfterWhichLinesAreLeftAlone() throws IOException {
    line.draw("bar");
    line.end();
    log.write("after\n".getBytes(StandardCharsets.UTF_8));

    assertThat(shown()).isEqualTo(ERASE + "bar" + System.lineSeparator() + "after\n");
  }

  @Test
  void beforeTheFirstDrawLogLinesPassUntouched() throws IOException {
    log.write("starting\n".getBytes(StandardCharsets.UTF_8));

    assertThat(shown()).isEqualTo("starting\n");
  }

  private String shown() {
    return screen.toString(StandardCharsets.UTF_8);
  }
}
