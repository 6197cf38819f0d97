package io.orderstream.export;

import java.util.regex.Pattern;

/**
 * JDBC URLs as they may be shown: a password given as a URL parameter never reaches a message or a
 * log.
 */
public final class JdbcUrls {
  private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

  private JdbcUrls() {}

  public static String redacted(String url) {
    return PASSWORD.matcher(url).replaceAll("$1***");
  }
}
