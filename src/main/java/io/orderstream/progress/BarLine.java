package io.orderstream.progress;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The terminal's last line, held by a progress bar while log lines scroll above it. The bar is
 * redrawn in place (carriage return, then erase to the end of the line); everything else printed
 * while it is shown goes through {@link #above}, which erases the bar, writes the text, and draws
 * the bar again once the text's line is complete. So a log line never lands on the bar's line,
 * whichever thread writes first, and a half-written line is never erased by a redraw.
 */
final class BarLine {
  /** Carriage return, then ANSI "erase to end of line". */
  static final String ERASE = "\r\u001b[K";

  private final PrintWriter terminal;

  /** The bar as last rendered; null until drawn. */
  private String bar;

  /** Whether the bar is on screen now. */
  private boolean drawn;

  /** Whether text written above has not ended its line yet: the bar waits for it. */
  private boolean midLine;

  BarLine(PrintWriter terminal) {
    this.terminal = terminal;
  }

  /** Draws {@code rendered} in place of the bar; deferred while a line above is unfinished. */
  synchronized void draw(String rendered) {
    bar = rendered;
    if (!midLine) {
      terminal.print(ERASE + rendered);
      terminal.flush();
      drawn = true;
    }
  }

  /** Leaves the bar as last drawn and moves below it, so what follows starts on a new line. */
  synchronized void end() {
    if (drawn) {
      terminal.println();
      terminal.flush();
      drawn = false;
    }
    bar = null;
  }

  /** A stream that writes to {@code target} above the bar. */
  OutputStream above(OutputStream target) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > 0) {
          writeAbove(target, bytes, offset, length);
        }
      }

      @Override
      public void flush() throws IOException {
        target.flush();
      }
    };
  }

  private synchronized void writeAbove(OutputStream target, byte[] bytes, int offset, int length)
      throws IOException {
    if (drawn) {
      terminal.print(ERASE);
      terminal.flush();
      drawn = false;
    }
    target.write(bytes, offset, length);
    target.flush();
    midLine = bytes[offset + length - 1] != '\n';
    if (!midLine && bar != null) {
      draw(bar);
    }
  }
}
