package io.orderstream.tools.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a folder of valid event files back ({@code .json}: one event; {@code .jsonl}: one event per
 * non-blank line), in file-name order, skipping hidden names ('.' or '_'). Meant for fixtures and
 * samples: an unreadable event is an error here, not quarantine.
 */
public final class EventFiles {
  private EventFiles() {}

  public static List<GeneratedEvent> read(Path dir) {
    List<GeneratedEvent> events = new ArrayList<>();
    for (Path file : eventFiles(dir)) {
      String name = file.getFileName().toString();
      String content = readString(file);
      if (name.endsWith(OutputFormat.JSONL.extension())) {
        content
            .lines()
            .filter(l -> !l.isBlank())
            .forEach(l -> events.add(GeneratedEvent.parse(name, l)));
      } else {
        events.add(GeneratedEvent.parse(name, content.strip()));
      }
    }
    return events;
  }

  private static List<Path> eventFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f ->
                  !f.getFileName().toString().startsWith(".")
                      && !f.getFileName().toString().startsWith("_"))
          .filter(
              f ->
                  f.toString().endsWith(OutputFormat.JSON.extension())
                      || f.toString().endsWith(OutputFormat.JSONL.extension()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list event files in " + dir, e);
    }
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
