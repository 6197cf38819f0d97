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
    URI uri = URI.create(location.replace(" ", "%20"));
    if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
      return;
    }
    Path path = uri.getScheme() == null ? Path.of(location) : Path.of(uri);
    if (!Files.isDirectory(path)) {
      throw Errors.missingTables(option, location);
    }
  }
}
