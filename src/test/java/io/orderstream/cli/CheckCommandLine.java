package io.orderstream.cli;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * {@code orderstream check} on a test's shared Spark session, for tests outside this package (the
 * command and its session source are package-private).
 */
public final class CheckCommandLine {
  private CheckCommandLine() {}

  /**
   * The check command alone (arguments without the {@code check} word), reading through {@code
   * spark}.
   */
  public static CommandLine on(SparkSession spark) {
    return new CommandLine(
        new CheckCommand(
            Map.of(), Path.of("").toAbsolutePath(), SparkSessionSource.existing(spark)));
  }
}
