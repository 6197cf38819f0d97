package io.orderstream.cli;

import io.orderstream.config.SparkSettings;
import io.orderstream.error.Errors;
import io.orderstream.ops.Maintenance;
import io.orderstream.ops.Maintenance.Result;
import io.orderstream.ops.Maintenance.Retention;
import io.orderstream.ops.Maintenance.TableResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code orderstream maintain}: deletes the data files that no kept manifest needs ({@link
 * Maintenance}), prints what each table held before and after.
 */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    modelTransformer = CheckCommand.MasterOption.class,
    description = {
      "Free the storage of a tables folder: delete the data files that no kept manifest needs"
          + " (Delta's VACUUM, with a retention computed per table), then the manifests older than"
          + " the kept ones. Every table stays readable at every kept manifest's versions. Safe"
          + " while the pipeline runs.",
      "Prints one line per table: the oldest version kept, its files and bytes before and after."
    },
    footer = {
      "",
      "The Spark settings come from, highest first: the command line, the environment variable,"
          + " the --config file, the default, as for run.",
      "Exit codes: 0 done, 1 failure while deleting, 2 bad usage (such as a folder without"
          + " tables or manifests)."
    })
final class MaintainCommand implements Callable<Integer> {
  /**
   * How much earlier than the oldest kept commit the cutoff falls: room for the clock of an object
   * store, which stamps the files, to differ from the pipeline's, which stamps the commits.
   */
  static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

  @Spec CommandSpec spec;

  @Option(
      names = "--tables",
      required = true,
      paramLabel = "DIR",
      description = "The tables folder (the --tables of a run; any Hadoop URI).")
  String tables;

  @Option(
      names = "--keep-manifests",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "Keep the newest N manifests, and every file their versions need (at least 1)."
              + " Default: ${DEFAULT-VALUE}, all that the pipeline keeps.")
  int keepManifests;

  @Option(
      names = "--keep-hours",
      paramLabel = "H",
      defaultValue = "0",
      description =
          "Also keep every manifest written in the last H hours (0 or more). Default:"
              + " ${DEFAULT-VALUE}.")
  double keepHours;

  @Mixin ConfigSources sources;

  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final SparkSessionSource sessions;

  /** What picocli instantiates: the real environment and working directory, its own session. */
  MaintainCommand() {
    this(System.getenv(), Path.of("").toAbsolutePath(), SparkSessionSource.started());
  }

  /** For tests: a stand-in environment and working directory, and the session to use. */
  MaintainCommand(
      Map<String, String> environment, Path workingDirectory, SparkSessionSource sessions) {
    this.environment = environment;
    this.workingDirectory = workingDirectory;
    this.sessions = sessions;
  }

  @Override
  public Integer call() {
    TablesFolder.requireLocal("--tables", tables);
    if (keepManifests < 1) {
      throw Errors.invalidSetting(
          "--keep-manifests", Integer.toString(keepManifests), "a whole number of 1 or more");
    }
    if (!(keepHours >= 0) || Double.isInfinite(keepHours)) {
      throw Errors.invalidSetting(
          "--keep-hours", Double.toString(keepHours), "a number of hours, 0 or more");
    }
    SparkSettings spark = sources.sparkSettings(spec, workingDirectory, environment);
    Retention retention =
        new Retention(
            keepManifests, Duration.ofMillis(Math.round(keepHours * 3_600_000)), CLOCK_MARGIN);
    sessions.use("orderstream-maintain", spark, new Maintain(retention));
    return 0;
  }

  /** A class of its own so that {@code --help} loads no Spark class (as in CheckCommand). */
  private final class Maintain implements Function<SparkSession, Void> {
    private final Retention retention;

    Maintain(Retention retention) {
      this.retention = retention;
    }

    @Override
    public Void apply(SparkSession spark) {
      Result result;
      try {
        result = new Maintenance(spark, tables, Clock.systemUTC()).run(retention);
      } catch (IllegalStateException e) {
        throw Errors.noConsistentSnapshot("--tables", tables, e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "Kept %d manifests, the oldest of batch %d written %s; deleted %d older ones.%n",
          result.manifestsKept(),
          result.oldestKept().batchId(),
          result.oldestKept().committedAt(),
          result.manifestsDeleted());
      long freed = 0;
      int width = result.tables().stream().mapToInt(t -> t.table().length()).max().orElse(1);
      for (TableResult table : result.tables()) {
        out.printf(
            Locale.ROOT,
            "%-" + width + "s  %s: %d files, %s -> %d files, %s%n",
            table.table(),
            table.oldestKeptVersion() < 0
                ? "newest only  "
                : "from version " + table.oldestKeptVersion(),
            table.filesBefore(),
            megabytes(table.bytesBefore()),
            table.filesAfter(),
            megabytes(table.bytesAfter()));
        freed += table.bytesBefore() - table.bytesAfter();
      }
      out.printf(Locale.ROOT, "Freed %s.%n", megabytes(freed));
      out.flush();
      return null;
    }
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.2f MB", bytes / 1_048_576.0);
  }
}
