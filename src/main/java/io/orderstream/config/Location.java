package io.orderstream.config;

import io.orderstream.error.Errors;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The value of a path setting as the pipeline receives it, with its local file-system path when it
 * has one, so start-up checks can look at the disk.
 *
 * <p>Plain paths are local and resolved against the working directory (the value becomes the
 * absolute path). A value with a URI scheme ({@code s3a://}, {@code hdfs://}) is passed on as given
 * and not checked here; {@code file:} URIs are passed on as given but checked like paths.
 *
 * @param origin how the user named the setting where the value came from, for messages
 * @param value what the pipeline receives
 * @param local the local path, or {@code null} for a remote URI
 */
record Location(String origin, String value, Path local) {

  private static final String FILE_URI = "an absolute file: URI such as file:/data/events";

  static Location of(String text, String origin, Path workingDirectory) {
    if (!UriOrPath.isUri(text)) {
      Path local = localPath(text, origin, workingDirectory);
      return new Location(origin, local.toString(), local);
    }
    if (text.regionMatches(true, 0, "file:", 0, "file:".length())) {
      return new Location(origin, text, fileUriPath(text, origin));
    }
    return new Location(origin, text, null);
  }

  /** True when this and {@code other} are the same place or one lies inside the other. */
  boolean overlaps(Location other) {
    if (local != null && other.local != null) {
      return local.startsWith(other.local) || other.local.startsWith(local);
    }
    if (local == null && other.local == null) {
      String mine = withoutTrailingSlashes(value) + "/";
      String theirs = withoutTrailingSlashes(other.value) + "/";
      return mine.startsWith(theirs) || theirs.startsWith(mine);
    }
    return false; // one local, one remote: different file systems
  }

  private static Path localPath(String text, String origin, Path workingDirectory) {
    try {
      return workingDirectory.resolve(text).toAbsolutePath().normalize();
    } catch (IllegalArgumentException e) { // InvalidPathException, e.g. a NUL character
      throw Errors.invalidSetting(
          origin, text, "a folder path or a URI such as s3a://bucket/prefix");
    }
  }

  private static Path fileUriPath(String text, String origin) {
    try {
      return Path.of(new URI(text)).normalize();
    } catch (URISyntaxException | IllegalArgumentException e) { // relative, or with a host or query
      throw Errors.invalidSetting(origin, text, FILE_URI);
    }
  }

  private static String withoutTrailingSlashes(String text) {
    return text.replaceAll("/+$", "");
  }
}
