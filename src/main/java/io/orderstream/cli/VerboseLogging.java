package io.orderstream.cli;

import java.net.URISyntaxException;
import java.util.Arrays;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * Switches logging to {@code log4j2-verbose.properties} for {@code --verbose}: orderstream at DEBUG
 * and every stack trace, which the default configuration keeps off the console. The CLI's one place
 * that knows the logging backend (log4j2, as Spark ships it).
 */
final class VerboseLogging {
  static final String CONFIGURATION = "/log4j2-verbose.properties";

  /** log4j2's setting naming the configuration it starts with. */
  static final String START_PROPERTY = "log4j2.configurationFile";

  private VerboseLogging() {}

  /**
   * Before anything logs: with {@code --verbose} among the arguments, log4j2 starts with the
   * verbose configuration. Switching a started logger context over, which {@link #enable} does,
   * left the command at the default configuration in 8 of 40 fresh runs of the launcher (no DEBUG
   * line at all), and never in a run slowed down to look at it; starting with the right one leaves
   * nothing to switch. A configuration the user names with the same property is kept.
   */
  static void chooseAtStart(String[] args) {
    if (Arrays.asList(args).contains("--verbose") && System.getProperty(START_PROPERTY) == null) {
      System.setProperty(START_PROPERTY, CONFIGURATION.substring(1));
    }
  }

  /** Switches the running context over, unless it started with the verbose configuration. */
  static void enable() {
    try {
      LoggerContext context = (LoggerContext) LogManager.getContext(false);
      String started = context.getConfiguration().getConfigurationSource().getLocation();
      if (started != null && started.endsWith(CONFIGURATION)) {
        return;
      }
      context.setConfigLocation(VerboseLogging.class.getResource(CONFIGURATION).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(CONFIGURATION + " is on the class path with a valid name", e);
    }
  }
}
