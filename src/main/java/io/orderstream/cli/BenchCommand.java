package io.orderstream.cli;

import io.orderstream.error.Errors;
import io.orderstream.export.ExportConfig;
import io.orderstream.export.ExportSettings;
import io.orderstream.tools.bench.BenchSize;
import io.orderstream.tools.bench.Benchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orderstream bench}: runs the benchmark and writes results.json and chart.html. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Measure throughput, latency and batch time against history size; write results.json and chart.html.",
      "full: the sizes of the performance targets (about 30 minutes on 2 cores); small: a few minutes, to try it."
    })
final class BenchCommand implements Callable<Integer> {
  /** How the benchmark's backlog part starts {@code orderstream run} in its own JVM. */
  private static final List<String> RUN_COMMAND = List.of(Main.class.getName(), "run");

  @Spec CommandSpec spec;

  @Option(
      names = "--size",
      defaultValue = "full",
      paramLabel = "full|small",
      converter = OptionConverters.Size.class,
      description = "How big each measurement is (default: ${DEFAULT-VALUE}).")
  BenchSize size;

  @Option(
      names = "--out",
      defaultValue = "bench",
      paramLabel = "DIR",
      description = "Folder for results.json and chart.html (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--parts",
      split = ",",
      paramLabel = "PART",
      converter = OptionConverters.Part.class,
      description =
          "Measurements to run: backlog (with the floor), latency, history (with the baseline),"
              + " objects (the backlog from S3 by listing and from S3 + SQS, against --s3-endpoint and --sqs-endpoint;"
              + " bench/objects starts local servers and runs it), export (the history's first export and one batch's"
              + " export to PostgreSQL at each history size, against --jdbc-url; bench/export starts a local server and"
              + " runs it), kafka (the backlog from a topic, one event per record, and the live latency from a topic,"
              + " against --kafka-bootstrap-servers; bench/kafka starts a local broker and runs it); default all but"
              + " objects, export and kafka. Those run replace their keys in an existing results.json; the others are kept.")
  List<Benchmark.Part> parts;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      converter = OptionConverters.HttpUrl.class,
      description =
          "The S3-compatible server the objects part uploads the backlog to, such as"
              + " http://127.0.0.1:9191 (scripts/s3-local); any keys are used, so a local server only. Default: none.")
  URI s3Endpoint;

  @Option(
      names = "--sqs-endpoint",
      paramLabel = "URL",
      converter = OptionConverters.HttpUrl.class,
      description =
          "The SQS-compatible server the objects part sends the S3 notifications to, such as"
              + " http://127.0.0.1:9324 (scripts/s3-local). Default: none.")
  URI sqsEndpoint;

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description =
          "A PostgreSQL server for the export part, through a database it may connect to, such as"
              + " jdbc:postgresql://127.0.0.1:5432/orders (scripts/postgres-local); the part writes to a database of its own,"
              + " orderstream_bench, which it drops and creates. Password from ORDERSTREAM_JDBC_PASSWORD. Default: none.")
  String jdbcUrl;

  @Option(
      names = "--jdbc-user",
      paramLabel = "USER",
      description = "Database user of the export part, allowed to create databases. Default: none.")
  String jdbcUser;

  @Option(
      names = "--kafka-bootstrap-servers",
      paramLabel = "HOST:PORT",
      description =
          "The Kafka broker of the kafka part, such as 127.0.0.1:9092 (scripts/kafka-local); the part creates"
              + " two topics of its own. Default: none.")
  String kafkaServers;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description =
          "Folder for the generated events, tables and logs; kept afterwards."
              + " Default: a temporary folder, deleted afterwards.")
  Path work;

  @Override
  public Integer call() throws InterruptedException {
    Set<Benchmark.Part> chosen =
        parts == null || parts.isEmpty() ? Benchmark.Part.standalone() : EnumSet.copyOf(parts);
    if (chosen.contains(Benchmark.Part.OBJECTS)) {
      requireEndpoint("--s3-endpoint", s3Endpoint, "http://127.0.0.1:9191");
      requireEndpoint("--sqs-endpoint", sqsEndpoint, "http://127.0.0.1:9324");
    }
    ExportConfig exportServer = chosen.contains(Benchmark.Part.EXPORT) ? exportServer() : null;
    if (chosen.contains(Benchmark.Part.KAFKA) && (kafkaServers == null || kafkaServers.isBlank())) {
      throw Errors.invalidSetting(
          "--kafka-bootstrap-servers",
          kafkaServers == null ? "" : kafkaServers,
          "the HOST:PORT of a Kafka broker, such as 127.0.0.1:9092, for the kafka part"
              + " (scripts/kafka-local starts one; bench/kafka starts one and runs the part)");
    }
    boolean temporary = work == null;
    Path folder = temporary ? temporaryFolder() : work;
    if (!temporary && Files.exists(folder) && !isEmptyFolder(folder)) {
      throw Errors.invalidSetting(
          "--work",
          folder.toString(),
          "a missing or empty folder: the benchmark starts from nothing");
    }
    PrintWriter progress = spec.commandLine().getOut();
    try {
      new Benchmark(
              size,
              folder,
              out,
              progress,
              RUN_COMMAND,
              s3Endpoint,
              sqsEndpoint,
              exportServer,
              chosen.contains(Benchmark.Part.KAFKA) ? kafkaServers : null)
          .run(chosen);
    } finally {
      if (temporary) {
        deleteRecursively(folder);
      }
    }
    return 0;
  }

  /** The export part's server, resolved as {@code orderstream export} resolves its database. */
  private ExportConfig exportServer() {
    String fromEnvironment = System.getenv(ExportSettings.JDBC_URL.envVar());
    if (jdbcUrl == null && (fromEnvironment == null || fromEnvironment.isEmpty())) {
      throw Errors.invalidSetting(
          "--jdbc-url",
          "",
          "the URL of a PostgreSQL server, such as"
              + " jdbc:postgresql://127.0.0.1:5432/orders, for the export part (scripts/postgres-local starts one;"
              + " bench/export starts one and runs the part)");
    }
    Map<String, String> given = new HashMap<>();
    given.put(ExportSettings.JDBC_URL.option(), jdbcUrl);
    given.put(ExportSettings.JDBC_USER.option(), jdbcUser);
    return ExportSettings.from(Path.of("").toAbsolutePath(), System.getenv(), null)
        .resolve(given, false /* no follow */);
  }

  private static void requireEndpoint(String option, URI endpoint, String example) {
    if (endpoint == null) {
      throw Errors.invalidSetting(
          option,
          "",
          "the URL of a local server, such as "
              + example
              + ", for the objects part (scripts/s3-local starts both servers; bench/objects starts them and runs the part)");
    }
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("orderstream-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isEmptyFolder(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> all = Files.walk(folder)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
