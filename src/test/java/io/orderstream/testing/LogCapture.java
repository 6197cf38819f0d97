package io.orderstream.testing;

import java.io.StringWriter;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * What a logger (and the loggers under it) writes while the capture is open, at {@code level} and
 * above, as log4j2 (the backend Spark ships) formats it. The logger's level is lowered for the
 * capture if needed and restored on {@link #close()}.
 */
public final class LogCapture implements AutoCloseable {
  private final StringWriter written = new StringWriter();
  private final LoggerContext context;
  private final LoggerConfig logger;
  private final Level levelBefore;
  private final WriterAppender appender;

  private LogCapture(String loggerName, Level level) {
    context = (LoggerContext) LogManager.getContext(false);
    Configuration configuration = context.getConfiguration();
    logger = configuration.getLoggerConfig(loggerName);
    levelBefore = logger.getLevel();
    appender =
        WriterAppender.createAppender(
            PatternLayout.newBuilder().withPattern("%-5p %c{1}: %m%n").build(),
            null,
            written,
            "capture-" + UUID.randomUUID(),
            false, // follow: no, the writer is ours
            true); // ignore exceptions: a test's log must not fail the code under test
    appender.start();
    configuration.addAppender(appender);
    logger.addAppender(appender, level, null);
    if (level.isLessSpecificThan(levelBefore)) {
      logger.setLevel(level);
    }
    context.updateLoggers();
  }

  /** Starts capturing what {@code loggerName} logs at {@code level} and above. */
  public static LogCapture of(String loggerName, Level level) {
    return new LogCapture(loggerName, level);
  }

  /** Everything captured so far, one line per event. */
  public String text() {
    return written.toString();
  }

  @Override
  public void close() {
    logger.removeAppender(appender.getName());
    logger.setLevel(levelBefore);
    context.getConfiguration().getAppenders().remove(appender.getName());
    appender.stop();
    context.updateLoggers();
  }
}
