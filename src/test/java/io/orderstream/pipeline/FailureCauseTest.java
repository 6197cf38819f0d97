package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import org.junit.jupiter.api.Test;

/**
 * Which failures may be one input's fault: data errors, unless the environment is in the chain too.
 */
class FailureCauseTest {

  @Test
  void arithmeticErrorInAChainMayBeInput() {
    assertThat(
            FailureCause.mayBeInput(
                new IllegalStateException("Job aborted", new ArithmeticException("overflow"))))
        .isTrue();
    assertThat(FailureCause.mayBeInput(new DateTimeException("year out of range"))).isTrue();
  }

  @Test
  void ioFailureAnywhereInTheChainIsTheEnvironment() {
    RuntimeException both =
        new IllegalStateException(
            "Task failed while writing rows", new IOException("No space left on device"));
    both.addSuppressed(new ArithmeticException("overflow"));

    assertThat(FailureCause.mayBeInput(both)).isFalse();
    assertThat(
            FailureCause.mayBeInput(new UncheckedIOException(new IOException("Connection reset"))))
        .isFalse();
    assertThat(
            FailureCause.mayBeInput(new RuntimeException(new OutOfMemoryError("Java heap space"))))
        .isFalse();
  }

  @Test
  void anythingElseIsABug() {
    assertThat(FailureCause.mayBeInput(new NullPointerException("x"))).isFalse();
    assertThat(FailureCause.mayBeInput(new IllegalStateException("no cause"))).isFalse();
  }

  @Test
  void oneLineNamesTheDataErrorWithoutSettingsAdviceOrContext() {
    RuntimeException failure =
        new IllegalStateException(
            "Job aborted due to stage failure",
            new ArithmeticException(
                "[ARITHMETIC_OVERFLOW] long overflow. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error. SQLSTATE: 22003\n== DataFrame ==\n\"plus\" was called from"));

    assertThat(FailureCause.oneLine(failure)).isEqualTo("[ARITHMETIC_OVERFLOW] long overflow.");
  }

  @Test
  void oneLineIsBounded() {
    assertThat(FailureCause.oneLine(new ArithmeticException("x".repeat(2000))))
        .hasSize(500)
        .endsWith("...");
  }
}
