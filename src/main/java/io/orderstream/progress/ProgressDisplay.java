package io.orderstream.progress;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.pipeline.BatchReport;
import io.orderstream.source.Backlog;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of {@code run --once} on a terminal, drawn by me.tongfei's progressbar from a
 * {@link BacklogProgress}: inputs done out of the backlog, events per second, elapsed and left.
 *
 * <pre>orderstream  30% [=====>          ] 12/40 inputs (0:00:31 / 0:01:10) 19.4 events/s</pre>
 *
 * <p>Shown only when all of these hold, else it draws nothing and the per-batch log lines are the
 * only progress: {@code once} (a continuous run has no end to count towards), the {@code progress}
 * setting, and a terminal ({@code onTerminal}; for the command line, stdin and stdout are a
 * terminal and {@code CI} is unset). It starts when the pipeline reports the backlog, so the
 * start-up's log lines come first; a source that cannot count gives a bar with no total and no time
 * left. It is redrawn every second (elapsed and time left move between batches) and after each
 * batch.
 *
 * <p>The per-batch log lines stay while the bar is shown: they record what each batch did
 * (quarantined inputs, rows per table) that the bar does not, and at one per batch they do not
 * crowd it. They and anything else on {@code System.err} are printed above the bar ({@link
 * BarLine}), so none lands on its line.
 */
public final class ProgressDisplay implements Consumer<BatchReport>, AutoCloseable {
  /** How often the bar is redrawn between batches. */
  private static final int REDRAW_MILLIS = 1000;

  /** Undoes what was done to show the bar; closes without a checked exception. */
  interface Restore extends AutoCloseable {
    @Override
    void close();
  }

  private final PrintWriter terminal;
  private final Clock clock;
  private final IntSupplier width;
  private final Function<BarLine, Restore> logsAbove;
  private BacklogProgress progress;
  private BarLine line;
  private ProgressBar bar;
  private Restore restore;

  private ProgressDisplay(
      PrintWriter terminal, Clock clock, IntSupplier width, Function<BarLine, Restore> logsAbove) {
    this.terminal = terminal;
    this.clock = clock;
    this.width = width;
    this.logsAbove = logsAbove;
  }

  /**
   * The display for a run: a bar on {@code terminal} when the run is {@code once}, the {@code
   * progress} setting is on and {@code onTerminal} says the output is a terminal; else one that
   * draws nothing.
   */
  public static ProgressDisplay open(
      RunConfig config, BooleanSupplier onTerminal, PrintWriter terminal) {
    return open(
        config,
        onTerminal,
        terminal,
        Clock.systemUTC(),
        TerminalWidth::columns,
        StderrAboveBar::install);
  }

  /** As above, with the clock, width and the redirection of log lines given (tests). */
  static ProgressDisplay open(
      RunConfig config,
      BooleanSupplier onTerminal,
      PrintWriter terminal,
      Clock clock,
      IntSupplier width,
      Function<BarLine, Restore> logsAbove) {
    // the terminal is asked last: System.console() is no question for a run that shows nothing
    boolean shown = config.once() && config.value(Setting.PROGRESS) && onTerminal.getAsBoolean();
    // without a terminal to draw on, every method does nothing
    return new ProgressDisplay(shown ? terminal : null, clock, width, logsAbove);
  }

  /** Whether a bar is drawn: the pipeline counts the backlog only then. */
  public boolean shown() {
    return terminal != null;
  }

  /** Starts the bar: the pipeline has counted what the run is to drain. */
  public void backlog(Backlog backlog) {
    if (!shown() || bar != null) {
      return;
    }
    progress = new BacklogProgress(clock, backlog);
    line = new BarLine(terminal);
    restore = logsAbove.apply(line);
    bar =
        new ProgressBarBuilder()
            .setTaskName("orderstream")
            .setUnit(" inputs", 1)
            .setInitialMax(backlog.inputs().orElse(-1))
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(REDRAW_MILLIS)
            .continuousUpdate()
            .setEtaFunction(state -> progress.timeLeft())
            .setConsumer(new LineConsumer(line, width.getAsInt()))
            .build();
  }

  /** Moves the bar on by a committed batch. */
  @Override
  public void accept(BatchReport report) {
    if (bar == null) {
      return;
    }
    progress.record(report);
    OptionalLong total = progress.total();
    bar.maxHint(total.orElse(-1));
    bar.stepTo(progress.done());
    bar.setExtraMessage(String.format(Locale.ROOT, "%.1f events/s", progress.eventsPerSecond()));
    bar.refresh();
  }

  /** Draws the bar a last time and moves below it; restores {@code System.err}. */
  @Override
  public void close() {
    if (bar != null) {
      bar.close(); // its last drawing, on the library's thread, done when this returns
      // progressbar 0.10.2 skips its consumer's close() when the bar is closed before its first
      // scheduled drawing ran (a run with nothing to read, a busy machine): end the line here too,
      // or the table listing would start on the bar's line. A second end() does nothing.
      line.end();
      restore.close();
    }
  }

  /** Hands each rendering to the {@link BarLine}, at the width asked once at start. */
  private record LineConsumer(BarLine line, int width) implements ProgressBarConsumer {
    @Override
    public int getMaxRenderedLength() {
      return width;
    }

    @Override
    public void accept(String rendered) {
      line.draw(rendered);
    }

    @Override
    public void close() {
      line.end();
    }
  }
}
