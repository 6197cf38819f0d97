package io.orderstream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.orderstream.config.RunConfig;
import io.orderstream.error.OrderstreamException;
import io.orderstream.pipeline.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What every bad configuration must get at start: exit code 2 within 30 s, and nothing written, no
 * tables and no checkpoint. The caller checks the message, which differs by case.
 */
public final class RefusedStart {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private RefusedStart() {}

  /**
   * Runs the pipeline on the shared session and returns its refusal; {@code dir} holds the run's
   * local {@code tables} and {@code checkpoint} folders, which must not appear.
   */
  public static OrderstreamException of(RunConfig config, Path dir) {
    Instant start = Instant.now();
    OrderstreamException refused =
        catchThrowableOfType(
            OrderstreamException.class, () -> new Pipeline(config, PipelineHarness.spark()).run());

    assertThat(refused).as("the run is refused").isNotNull();
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(Duration.between(start, Instant.now())).isLessThan(LIMIT);
    assertThat(Files.exists(dir.resolve("tables"))).as("tables written").isFalse();
    assertThat(Files.exists(dir.resolve("checkpoint"))).as("checkpoint written").isFalse();
    return refused;
  }
}
