package io.orderstream.tools.bench;

import io.orderstream.tools.generate.EventWriter;
import io.orderstream.tools.generate.GeneratedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers generated events into a pipeline's input folder the way a producer should: written in a
 * staging folder first, then renamed in, so the pipeline never sees half a file. A prefix keeps
 * names from different deliveries apart.
 */
final class Inbox {
  private Inbox() {}

  /**
   * Writes {@code events} to {@code staging} (kept, for the baseline), then moves them into {@code
   * input}.
   */
  static List<Path> deliver(List<GeneratedEvent> events, Path staging, Path input, String prefix) {
    List<Path> delivered = new ArrayList<>();
    try {
      Files.createDirectories(input);
      for (Path written : EventWriter.write(events, staging)) {
        Path target = input.resolve(prefix + written.getFileName());
        Files.copy(
            written,
            input.resolve("." + target.getFileName() + ".tmp"),
            StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            input.resolve("." + target.getFileName() + ".tmp"),
            target,
            StandardCopyOption.ATOMIC_MOVE);
        delivered.add(target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot deliver events to " + input + ": " + e.getMessage(), e);
    }
    return delivered;
  }
}
