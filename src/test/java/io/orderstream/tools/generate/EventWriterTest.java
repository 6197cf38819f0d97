package io.orderstream.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventWriterTest {
  private static final GeneratorSpec SPEC = GeneratorSpec.of(8, 5L);

  @TempDir Path dir;

  @Test
  void writeJsonCreatesOneFilePerEventHoldingExactlyItsText() throws IOException {
    List<GeneratedEvent> events = SampleGenerator.generate(SPEC);

    List<Path> written = EventWriter.write(events, dir);

    assertThat(written).hasSameSizeAs(events);
    for (GeneratedEvent e : events) {
      assertThat(Files.readString(dir.resolve(e.fileName()))).isEqualTo(e.json() + "\n");
    }
  }

  @Test
  void writeJsonlPutsOneParsableEventPerLine() throws IOException {
    List<GeneratedEvent> events =
        SampleGenerator.generate(SPEC.withFormat(OutputFormat.JSONL).withEventsPerFile(5));

    List<Path> written = EventWriter.write(events, dir);

    long lines = 0;
    for (Path file : written) {
      List<String> content = Files.readAllLines(file, StandardCharsets.UTF_8);
      assertThat(content).hasSizeLessThanOrEqualTo(5);
      content.forEach(
          line ->
              assertThat(GeneratedEvent.parse(file.getFileName().toString(), line).orderId())
                  .isNotBlank());
      lines += content.size();
    }
    assertThat(lines).isEqualTo(events.size());
  }

  @Test
  void writeThenReadReturnsTheSameEventsInBothFormats() {
    for (OutputFormat format : OutputFormat.values()) {
      Path out = dir.resolve(format.name());
      List<GeneratedEvent> events = SampleGenerator.generate(SPEC.withFormat(format));

      EventWriter.write(events, out);

      assertThat(EventFiles.read(out)).containsExactlyInAnyOrderElementsOf(events);
    }
  }

  @Test
  void writeLeavesNoTemporaryOrHiddenFiles() throws IOException {
    EventWriter.write(SampleGenerator.generate(SPEC.withDuplicates(0.2)), dir);

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .isNotEmpty()
          .noneMatch(n -> n.startsWith(".") || n.startsWith("_") || n.endsWith(".tmp"));
    }
  }

  @Test
  void writeSameEventsTwiceRewritesIdenticalBytes() throws IOException {
    List<GeneratedEvent> events = SampleGenerator.generate(SPEC);
    Path first = EventWriter.write(events, dir).get(0);
    byte[] before = Files.readAllBytes(first);

    EventWriter.write(events, dir);

    assertThat(Files.readAllBytes(first)).isEqualTo(before);
  }

  @Test
  void writeFailureLeavesNeitherAPartialFileNorATemporaryFile() throws IOException {
    List<GeneratedEvent> events = SampleGenerator.generate(SPEC);
    Path blocked = dir.resolve(events.get(0).fileName());
    Files.createDirectories(blocked.resolve("occupied"));

    assertThatThrownBy(() -> EventWriter.write(events, dir))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(events.get(0).fileName());

    assertThat(blocked).isDirectory();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(events.get(0).fileName());
    }
  }

  @Test
  void writeCreatesMissingOutputFolders() {
    Path nested = dir.resolve("a/b/c");

    EventWriter.write(SampleGenerator.generate(GeneratorSpec.of(1, 1L)), nested);

    assertThat(nested).isDirectoryContaining(p -> p.toString().endsWith(".json"));
  }
}
