package io.orderstream.config;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Tells a URI ({@code s3a://bucket/x}, {@code file:/data}) from a plain path in a location the user
 * typed, the one rule every command applies to its locations.
 */
public final class UriOrPath {
  /** Two or more letters, then a colon: a URI scheme (one letter would be a Windows drive). */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

  private UriOrPath() {}

  public static boolean isUri(String text) {
    return SCHEME.matcher(text).find();
  }

  /** A URI as given; a plain path made absolute against {@code workingDirectory}. */
  public static String resolve(String text, Path workingDirectory) {
    return isUri(text)
        ? text
        : workingDirectory.resolve(text).toAbsolutePath().normalize().toString();
  }
}
