package io.orderstream.cli;

import io.orderstream.config.Setting;
import io.orderstream.config.SparkSettings;
import io.orderstream.error.Errors;
import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import io.orderstream.ops.CheckResult;
import io.orderstream.ops.TableComparison;
import io.orderstream.ops.TableIntegrity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code orderstream check}: the integrity check of a tables folder ({@link TableIntegrity}) and,
 * with {@code --same-as}, its row-for-row comparison with another ({@link TableComparison}). Prints
 * one line per check and a closing verdict; the exit code tells scripts whether all passed.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    modelTransformer = CheckCommand.MasterOption.class,
    description = {
      "Check a tables folder: every table exists, no key is duplicated or null, every foreign key"
          + " resolves. With --same-as, also check that every table holds the same rows as another"
          + " folder's, ignoring the columns that differ between runs (lineage_batch_id, source,"
          + " quarantined_at).",
      "Prints one line per check: ok or FAIL, the table, the check, what was found."
    },
    footer = {
      "",
      "The Spark settings come from, highest first: the command line, the environment variable,"
          + " the --config file, the default, as for run.",
      "Exit codes: 0 every check passed, 1 at least one check failed,"
          + " 2 bad usage (such as a folder that does not exist)."
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--tables",
      required = true,
      paramLabel = "DIR",
      description = "The tables folder to check (the --tables of a run; any Hadoop URI).")
  String tables;

  @Option(
      names = "--same-as",
      paramLabel = "OTHER_DIR",
      description =
          "Another tables folder that must hold the same rows, e.g. that of an"
              + " uninterrupted run over the same input. Default: no comparison.")
  String sameAs;

  @Mixin ConfigSources sources;

  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final SparkSessionSource sessions;

  /** What picocli instantiates: the real environment and working directory, its own session. */
  CheckCommand() {
    this(System.getenv(), Path.of("").toAbsolutePath(), SparkSessionSource.started());
  }

  /** For tests: a stand-in environment and working directory, and the session to use. */
  CheckCommand(
      Map<String, String> environment, Path workingDirectory, SparkSessionSource sessions) {
    this.environment = environment;
    this.workingDirectory = workingDirectory;
    this.sessions = sessions;
  }

  @Override
  public Integer call() {
    TablesFolder.requireLocal("--tables", tables);
    if (sameAs != null) {
      TablesFolder.requireLocal("--same-as", sameAs);
    }
    SparkSettings spark = sources.sparkSettings(spec, workingDirectory, environment);
    return sessions.use("orderstream-check", spark, new Checks()) ? 0 : Errors.EXIT_FAILURE;
  }

  /**
   * Runs and prints the checks table by table, so a long check shows its progress. A class of its
   * own because picocli reflects on the command's methods, and one taking a SparkSession would load
   * Spark for {@code --help}.
   */
  private final class Checks implements Function<SparkSession, Boolean> {
    @Override
    public Boolean apply(SparkSession spark) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("Checking " + tables + (sameAs == null ? "" : " against " + sameAs));
      out.flush();
      // status, table (as wide as the longest name), check, detail; computed here, not in a static
      // field, because the table definitions load Spark, which --help should not wait for
      String line =
          "%-4s  %-"
              + Tables.all().stream().mapToInt(t -> t.name().length()).max().orElse(1)
              + "s  %-11s  %s%n";
      TableIntegrity integrity = new TableIntegrity(spark, tables);
      TableComparison comparison =
          sameAs == null ? null : new TableComparison(spark, tables, sameAs);
      int checks = 0;
      int failed = 0;
      for (TableDef def : Tables.all()) {
        List<CheckResult> results = new ArrayList<>(integrity.check(def));
        if (comparison != null) {
          results.add(comparison.compare(def.name()));
        }
        results.forEach(
            r ->
                out.printf(
                    Locale.ROOT,
                    line,
                    r.passed() ? "ok" : "FAIL",
                    r.table(),
                    r.check(),
                    r.detail()));
        out.flush();
        checks += results.size();
        failed += (int) results.stream().filter(r -> !r.passed()).count();
      }
      out.println(
          failed == 0
              ? "All " + checks + " checks passed."
              : failed + " of " + checks + " checks FAILED.");
      out.flush();
      return failed == 0;
    }
  }

  /** Adds run's {@code --master} option (from {@link Setting#SPARK_MASTER}) to {@code check}. */
  static final class MasterOption implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec command) {
      command.addOption(RunCommand.SettingOptions.option(Setting.SPARK_MASTER));
      return command;
    }
  }
}
