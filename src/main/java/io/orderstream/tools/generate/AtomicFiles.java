package io.orderstream.tools.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either nothing or the whole content: the bytes go to a hidden
 * temporary file in the same folder ({@code .<name>.tmp}; Spark and Hadoop skip names starting with
 * '.' or '_'), which is then renamed atomically. On failure the temporary file is removed.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static Path write(Path dir, String name, byte[] content) {
    Path target = dir.resolve(name);
    Path temp = dir.resolve("." + name + ".tmp");
    try {
      Files.write(temp, content);
      return Files.move(
          temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temp, e);
      throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path temp, IOException cause) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
