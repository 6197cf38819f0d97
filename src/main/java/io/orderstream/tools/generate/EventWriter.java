package io.orderstream.tools.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes generated events into a folder, each file atomically (see {@link AtomicFiles}), in arrival
 * order. Writing the same events again rewrites the same files with the same bytes.
 */
public final class EventWriter {
  private EventWriter() {}

  /**
   * Writes all files and returns their paths in the order written; creates {@code dir} if needed.
   */
  public static List<Path> write(List<GeneratedEvent> events, Path dir) {
    createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (EventFile file : EventFile.group(events)) {
      written.add(AtomicFiles.write(dir, file.name(), file.bytes()));
    }
    return written;
  }

  public static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create output folder " + dir + ": " + e.getMessage(), e);
    }
  }
}
