package io.orderstream.cli;

import io.orderstream.config.ConfigResolver;
import io.orderstream.config.Setting;
import io.orderstream.config.SparkSettings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options every command that starts Spark shares ({@code run}, {@code check}): the config file
 * and the Spark settings given one by one. They feed a {@link ConfigResolver}, with the
 * environment, so each command resolves its settings by the same rules.
 */
final class ConfigSources {
  /** Where spark-submit leaves its {@code --master} for the application it starts. */
  static final String LAUNCHER_MASTER_PROPERTY = "spark.master";

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Java properties file with any of the settings below by file key, and spark.*"
              + " keys for Spark (S3 credentials...). Default: none.")
  Path configFile;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "A Spark setting passed to the session as is, e.g."
              + " spark.sql.shuffle.partitions=8; repeatable; beats the same key in --config."
              + " Default: none.")
  Map<String, String> conf;

  /**
   * The Spark settings of a command that reads tables ({@code check}, {@code maintain}, {@code
   * status}): these options, the environment and the {@code --master} that {@link
   * CheckCommand.MasterOption} added to {@code spec}.
   */
  SparkSettings sparkSettings(
      CommandSpec spec, Path workingDirectory, Map<String, String> environment) {
    Object master = spec.findOption(Setting.SPARK_MASTER.option()).getValue();
    return resolver(workingDirectory, environment)
        .commandLine(
            master == null ? Map.of() : Map.of(Setting.SPARK_MASTER.key(), master.toString()))
        .resolveSpark();
  }

  /** A resolver with these options, the environment and the working directory as its sources. */
  ConfigResolver resolver(Path workingDirectory, Map<String, String> environment) {
    return ConfigResolver.in(workingDirectory)
        .commandLineConf(conf == null ? Map.of() : conf)
        .environment(environment)
        .launcherMaster(System.getProperty(LAUNCHER_MASTER_PROPERTY))
        .configFile(configFile);
  }
}
