package io.orderstream.cli;

import java.net.URISyntaxException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * Switches logging to {@code log4j2-verbose.properties} for {@code --verbose}: orderstream at DEBUG
 * and every stack trace, which the default configuration keeps off the console. The CLI's one place
 * that knows the logging backend (log4j2, as Spark ships it).
 */
final class VerboseLogging {
  static final String CONFIGURATION = "/log4j2-verbose.properties";

  private VerboseLogging() {}

  static void enable() {
    try {
      LoggerContext context = (LoggerContext) LogManager.getContext(false);
      context.setConfigLocation(VerboseLogging.class.getResource(CONFIGURATION).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(CONFIGURATION + " is on the class path with a valid name", e);
    }
  }
}
