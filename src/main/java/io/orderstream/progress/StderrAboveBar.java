package io.orderstream.progress;

import java.io.PrintStream;

/**
 * Sends {@code System.err} above the bar while it is shown ({@link BarLine#above}): the log lines
 * (the console appender follows {@code System.err}: {@code follow = true} in log4j2.properties),
 * Spark's own warnings and anything else printed there.
 */
final class StderrAboveBar implements ProgressDisplay.Restore {
  private final PrintStream original;

  private StderrAboveBar(PrintStream original) {
    this.original = original;
  }

  static StderrAboveBar install(BarLine line) {
    StderrAboveBar installed = new StderrAboveBar(System.err);
    System.setErr(new PrintStream(line.above(installed.original), true));
    return installed;
  }

  /** Puts the original {@code System.err} back. */
  @Override
  public void close() {
    System.setErr(original);
  }
}
