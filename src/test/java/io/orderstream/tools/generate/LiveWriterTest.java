package io.orderstream.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveWriterTest {
  private static final List<GeneratedEvent> EVENTS =
      SampleGenerator.generate(GeneratorSpec.of(3, 11L));

  @TempDir Path dir;

  /** A clock that only moves when the writer sleeps; records when each file appears. */
  private static final class FakeTime {
    long now;
    final List<Long> sleeps = new ArrayList<>();

    LiveWriter writer() {
      return new LiveWriter(
          () -> now,
          nanos -> {
            sleeps.add(nanos);
            now += nanos;
          });
    }
  }

  @Test
  void writeAtRateWaitsUntilEachFileIsDue() {
    FakeTime time = new FakeTime();

    List<Path> written = time.writer().write(EVENTS, dir, 10.0);

    assertThat(written).hasSameSizeAs(EVENTS).allMatch(Files::isRegularFile);
    assertThat(time.sleeps).hasSize(EVENTS.size() - 1).allMatch(n -> n == 100_000_000L);
    assertThat(time.now).isEqualTo((EVENTS.size() - 1) * 100_000_000L);
  }

  @Test
  void writeStopsBeforeTheFirstFileDueAfterTheLimit() {
    assertThat(EVENTS).hasSizeGreaterThan(5);
    FakeTime time = new FakeTime();

    List<Path> written = time.writer().write(EVENTS, dir, 10.0, Duration.ofMillis(450));

    assertThat(written).hasSize(5);
    assertThat(dir.toFile().list()).hasSize(5);
  }

  @Test
  void writeJsonlPacesByEventsNotFiles() {
    List<GeneratedEvent> jsonl =
        SampleGenerator.generate(
            GeneratorSpec.of(3, 11L).withFormat(OutputFormat.JSONL).withEventsPerFile(4));
    assertThat(jsonl).hasSizeGreaterThan(4);
    FakeTime time = new FakeTime();

    time.writer().write(jsonl, dir, 2.0);

    assertThat(time.sleeps).isNotEmpty().allMatch(n -> n == 2_000_000_000L);
  }
}
