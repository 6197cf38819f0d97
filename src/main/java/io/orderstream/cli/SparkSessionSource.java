package io.orderstream.cli;

import io.orderstream.config.SparkSettings;
import io.orderstream.pipeline.SparkSessions;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Where a command that reads tables gets its Spark session: a new one from the resolved settings,
 * or a test's shared one. Commands hold this interface rather than a session, so that building the
 * command line for {@code --help} loads no Spark class.
 */
interface SparkSessionSource {
  /**
   * Runs {@code work} on a session for {@code settings}; a session this source started, it stops.
   */
  <T> T use(String appName, SparkSettings settings, Function<SparkSession, T> work);

  /** A new session per use, stopped afterwards: what the command line runs. */
  static SparkSessionSource started() {
    return new SparkSessionSource() {
      @Override
      public <T> T use(String appName, SparkSettings settings, Function<SparkSession, T> work) {
        SparkSession spark = SparkSessions.create(appName, settings.master(), settings.conf());
        try {
          return work.apply(spark);
        } finally {
          spark.stop();
        }
      }
    };
  }

  /** An existing session, left running (tests): the resolved settings are checked, not applied. */
  static SparkSessionSource existing(SparkSession session) {
    return new SparkSessionSource() {
      @Override
      public <T> T use(String appName, SparkSettings settings, Function<SparkSession, T> work) {
        return work.apply(session);
      }
    };
  }
}
