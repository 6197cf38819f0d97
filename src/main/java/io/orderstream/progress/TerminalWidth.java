package io.orderstream.progress;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's width in columns, asked once when a bar starts, through jline (progressbar's own
 * dependency for the same question).
 *
 * <p>Asked here rather than by the library because the library's terminal registers jline's native
 * signal handlers, setting SIGINT back to the operating system's default while a bar is shown:
 * Ctrl-C would then kill the JVM at once instead of letting the current batch commit ({@link
 * io.orderstream.pipeline.GracefulStop}). This terminal registers none.
 */
final class TerminalWidth {
  private static final Logger LOG = LoggerFactory.getLogger(TerminalWidth.class);

  /** What a terminal that does not say is taken to have. */
  static final int FALLBACK = 80;

  /** Below this the bar has no room; jline reports 0 for a terminal that does not say. */
  private static final int NARROWEST = 40;

  private TerminalWidth() {}

  static int columns() {
    try (Terminal terminal =
        TerminalBuilder.builder().system(true).nativeSignals(false).dumb(true).build()) {
      int width = terminal.getWidth();
      return width >= NARROWEST ? width : FALLBACK;
    } catch (IOException e) {
      LOG.debug("Could not ask the terminal for its width; drawing {} columns", FALLBACK, e);
      return FALLBACK;
    }
  }
}
