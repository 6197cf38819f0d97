package io.orderstream.cli;

import io.orderstream.error.Errors;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tables folder a command reads, checked before Spark starts. */
final class TablesFolder {
  private TablesFolder() {}

  /**
   * A local folder that does not exist is a usage error, reported before Spark starts; remote URIs
   * (s3a://, hdfs://) are left to the command, which reports what it cannot find.
   */
  static void requireLocal(String option, String location) {
    if (isMissingLocalFolder(location)) {
      throw Errors.missingTables(option, location);
    }
  }

  /** Whether {@code location} is a local path or {@code file:} URI that is not a folder. */
  static boolean isMissingLocalFolder(String location) {
    URI uri = URI.create(location.replace(" ", "%20"));
    if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
      return false;
    }
    Path path = uri.getScheme() == null ? Path.of(location) : Path.of(uri);
    return !Files.isDirectory(path);
  }
}
