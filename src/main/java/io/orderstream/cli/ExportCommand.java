package io.orderstream.cli;

import io.orderstream.export.AppliedChanges;
import io.orderstream.export.ExportConfig;
import io.orderstream.export.ExportSettings;
import io.orderstream.export.Exporter;
import io.orderstream.export.StepResult;
import io.orderstream.pipeline.SparkSessions;
import io.orderstream.sink.BatchManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code orderstream export}: brings a PostgreSQL or SQLite database up to the newest consistent
 * batch of the tables, then exits, or with {@code --follow} keeps it there until SIGTERM. Prints
 * one line per step that changed the database.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Serve the star schema in PostgreSQL or SQLite: tables, keys and foreign keys from the model,"
          + " kept in sync with the changes between batches, one database transaction per consistent"
          + " batch."
    },
    footer = {
      "",
      "The password comes from ORDERSTREAM_JDBC_PASSWORD or the file key jdbc.password, never an option.",
      "Each setting comes from, highest first: the command line, the environment variable, the --config file,"
          + " the default.",
      "Exit codes: 0 success, 1 failure while exporting (nothing of the failed step is kept),"
          + " 2 bad usage, no manifest, unreachable database or a table that differs from the model."
    })
final class ExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--tables",
      paramLabel = "PATH",
      description =
          "Tables location of the pipeline. Default: data/tables; env ORDERSTREAM_TABLES; file key tables.")
  String tables;

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description =
          "jdbc:postgresql://HOST:PORT/DATABASE or jdbc:sqlite:FILE. Env ORDERSTREAM_JDBC_URL; file key jdbc.url.")
  String jdbcUrl;

  @Option(
      names = "--jdbc-user",
      paramLabel = "USER",
      description = "Database user (PostgreSQL). Env ORDERSTREAM_JDBC_USER; file key jdbc.user.")
  String jdbcUser;

  @Option(
      names = "--follow",
      description = "Keep exporting as batches commit, until SIGTERM or Ctrl-C.")
  boolean follow;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      description =
          "With --follow, time between looks for a new batch. Default: 5s; env ORDERSTREAM_EXPORT_INTERVAL;"
              + " file key export.interval.")
  String interval;

  @Option(
      names = "--with-latest-events",
      paramLabel = "BOOLEAN",
      arity = "0..1",
      fallbackValue = "true",
      description =
          "Also export order_event_latest, without its raw JSON. Default: false;"
              + " env ORDERSTREAM_EXPORT_LATEST_EVENTS; file key export.latest-events.")
  String withLatestEvents;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Java properties file with the file keys above.")
  Path configFile;

  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final Function<ExportConfig, SparkSession> sessions;

  /**
   * What picocli instantiates: the real environment, working directory and a local Spark session.
   */
  ExportCommand() {
    this(
        System.getenv(),
        Path.of("").toAbsolutePath(),
        config -> SparkSessions.create("orderstream-export", "local[*]", Map.of()));
  }

  /** For tests: a stand-in environment and working directory, and the test's Spark session. */
  ExportCommand(
      Map<String, String> environment,
      Path workingDirectory,
      Function<ExportConfig, SparkSession> sessions) {
    this.environment = environment;
    this.workingDirectory = workingDirectory;
    this.sessions = sessions;
  }

  @Override
  public Integer call() {
    Map<String, String> given = new HashMap<>();
    given.put(ExportSettings.TABLES.option(), tables);
    given.put(ExportSettings.JDBC_URL.option(), jdbcUrl);
    given.put(ExportSettings.JDBC_USER.option(), jdbcUser);
    given.put(ExportSettings.INTERVAL.option(), interval);
    given.put(ExportSettings.LATEST_EVENTS.option(), withLatestEvents);
    ExportConfig config =
        ExportSettings.from(workingDirectory, environment, configFile).resolve(given, follow);
    Exporter exporter = new Exporter(new OneSession(() -> sessions.apply(config)), config);
    if (follow) {
      for (String name : new String[] {"TERM", "INT"}) {
        Signal.handle(new Signal(name), signal -> exporter.stop());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    exporter.run(
        result -> {
          out.println(describe(result));
          out.flush();
        });
    return 0;
  }

  static String describe(StepResult result) {
    BatchManifest manifest = result.manifest();
    String batch =
        manifest.batchId() == BatchManifest.CREATED
            ? "the empty tables"
            : "batch " + manifest.batchId();
    if (result.changedNothing()) {
      return "up to date: the database holds " + batch;
    }
    return "exported "
        + batch
        + ": "
        + result.tables().stream().map(ExportCommand::describe).collect(Collectors.joining(", "));
  }

  private static String describe(AppliedChanges table) {
    return table.table()
        + (table.reloaded()
            ? " reloaded " + table.upserted()
            : " +" + table.upserted() + " -" + table.deleted());
  }

  /** Creates the session on first use, then hands out the same one. */
  private static final class OneSession implements java.util.function.Supplier<SparkSession> {
    private final java.util.function.Supplier<SparkSession> create;
    private SparkSession session;

    OneSession(java.util.function.Supplier<SparkSession> create) {
      this.create = create;
    }

    @Override
    public synchronized SparkSession get() {
      if (session == null) {
        session = create.get();
      }
      return session;
    }
  }
}
