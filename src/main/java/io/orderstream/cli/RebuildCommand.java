package io.orderstream.cli;

import io.orderstream.config.PersonalColumns;
import io.orderstream.config.Setting;
import io.orderstream.config.SparkSettings;
import io.orderstream.model.PersonalDataMask;
import io.orderstream.ops.Rebuild;
import io.orderstream.sink.TableLocations;
import java.io.PrintWriter;
import java.nio.file.Path;
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

/** {@code orderstream rebuild}: every table derived again from the event log ({@link Rebuild}). */
@Command(
    name = "rebuild",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    modelTransformer = CheckCommand.MasterOption.class,
    description = {
      "Derive every table again from the events stored in order_event, as if they all arrived in"
          + " one batch: after a model change, without the input files.",
      "In place (no --into): stop the pipeline first. Each table gets one new Delta version and a"
          + " new manifest records them; the checkpoint stays valid and the next run goes on from"
          + " its next batch. With --into: the tables are created in a new folder, the event log"
          + " and the quarantine copied, and --tables is only read.",
      "Prints the rows each rebuilt table holds."
    },
    footer = {
      "",
      "The Spark settings come from, highest first: the command line, the environment variable,"
          + " the --config file, the default, as for run.",
      "Exit codes: 0 done, 1 failure while rebuilding, 2 bad usage (tables without order_event,"
          + " an --into folder that holds tables, personal-columns other than the tables')."
    })
final class RebuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--tables",
      required = true,
      paramLabel = "DIR",
      description = "The tables folder to rebuild from (the --tables of a run; any Hadoop URI).")
  String tables;

  @Option(
      names = "--into",
      paramLabel = "DIR",
      description =
          "A new folder to write the rebuilt tables to; without it, they are rebuilt in place.")
  String into;

  @Option(
      names = "--personal-columns",
      paramLabel = "MODE",
      description =
          "keep, hash or drop, as for run (default: ${env:ORDERSTREAM_PERSONAL_COLUMNS:-keep});"
              + " in place it must be what the tables were written with. The salt of hash comes"
              + " from ORDERSTREAM_PERSONAL_COLUMNS_SALT.")
  String personalColumns;

  @Mixin ConfigSources sources;

  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final SparkSessionSource sessions;

  /** What picocli instantiates: the real environment and working directory, its own session. */
  RebuildCommand() {
    this(System.getenv(), Path.of("").toAbsolutePath(), SparkSessionSource.started());
  }

  /** For tests: a stand-in environment and working directory, and the session to use. */
  RebuildCommand(
      Map<String, String> environment, Path workingDirectory, SparkSessionSource sessions) {
    this.environment = environment;
    this.workingDirectory = workingDirectory;
    this.sessions = sessions;
  }

  @Override
  public Integer call() {
    TablesFolder.requireLocal("--tables", tables);
    PersonalColumns mode =
        personalColumns != null
            ? Setting.PERSONAL_COLUMNS.parse(personalColumns, "--personal-columns")
            : Setting.PERSONAL_COLUMNS.parse(
                environment.getOrDefault(Setting.PERSONAL_COLUMNS.envVar(), "keep"),
                Setting.PERSONAL_COLUMNS.envVar());
    PersonalDataMask personalData =
        new PersonalDataMask(
            mode, environment.getOrDefault(Setting.PERSONAL_COLUMNS_SALT.envVar(), "").strip());
    SparkSettings spark = sources.sparkSettings(spec, workingDirectory, environment);
    sessions.use("orderstream-rebuild", spark, new RebuildTables(personalData));
    return 0;
  }

  /** A class of its own so that {@code --help} loads no Spark class (as in CheckCommand). */
  private final class RebuildTables implements Function<SparkSession, Void> {
    private final PersonalDataMask personalData;

    RebuildTables(PersonalDataMask personalData) {
      this.personalData = personalData;
    }

    @Override
    public Void apply(SparkSession spark) {
      TableLocations source = new TableLocations(tables);
      TableLocations target = into == null ? source : new TableLocations(into);
      Rebuild.Result result = new Rebuild(spark, source, target, "--into", personalData).run();
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "Rebuilt %s from %d stored events%s.%n",
          into == null ? "in place" : "into " + into,
          result.events(),
          result.unusable() == 0
              ? ""
              : " (" + result.unusable() + " no longer decode and were left out)");
      result.rows().forEach((table, rows) -> out.printf(Locale.ROOT, "%-26s %8d%n", table, rows));
      out.flush();
      return null;
    }
  }
}
