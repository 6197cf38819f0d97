package io.orderstream.config;

import java.util.Map;

/**
 * The Spark part of the configuration, for commands that read tables instead of running the
 * pipeline ({@code orderstream check}); resolved with the same sources and precedence as a run.
 *
 * @param master Spark master URL
 * @param conf {@code spark.*} settings passed to the session as they are
 */
public record SparkSettings(String master, Map<String, String> conf) {
  public SparkSettings {
    conf = Map.copyOf(conf);
  }

  /** As the record's, but values under secret-looking keys masked ({@link Secrets}). */
  @Override
  public String toString() {
    return "SparkSettings[master=" + master + ", conf=" + Secrets.shown(conf) + "]";
  }
}
