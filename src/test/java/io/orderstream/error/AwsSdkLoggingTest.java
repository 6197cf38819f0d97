package io.orderstream.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK bundle's relocated SLF4J finds the application's logging through {@code
 * org.slf4j.impl.StaticLoggerBinder}: its loggers are real ones, and binding prints nothing.
 */
class AwsSdkLoggingTest {

  @Test
  void theSdkBundleLogsThroughTheApplicationsLogging() {
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true));
    Object logger;
    try {
      logger =
          software.amazon.awssdk.thirdparty.org.slf4j.LoggerFactory.getLogger(
              "software.amazon.awssdk.request");
    } finally {
      System.setErr(err);
    }

    assertThat(logger.getClass().getSimpleName()).isNotEqualTo("NOPLogger");
    assertThat(printed.toString()).doesNotContain("SLF4J");
  }
}
