package io.orderstream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import io.orderstream.ops.CheckResult;
import io.orderstream.ops.TableIntegrity;
import io.orderstream.pipeline.BatchReport;
import io.orderstream.pipeline.Pipeline;
import io.orderstream.pipeline.RunSummary;
import io.orderstream.sink.SessionPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One pipeline's folders (input, tables, checkpoint) under a temporary directory, and the checks
 * the integration tests share: run it, read a table, snapshot all tables, check keys.
 */
public final class PipelineHarness {
  private final Path input;
  private final Path tables;
  private final Path checkpoint;

  /** How the pipeline names a local folder: its path, or a URI of another file system. */
  private final Function<Path, String> location;

  private UnaryOperator<RunConfig> tweaks = UnaryOperator.identity();

  private boolean batchLog;

  public PipelineHarness(Path root) {
    this(root, Path::toString);
  }

  /** Tables and checkpoint named through {@code location}, e.g. as URIs of a test file system. */
  public PipelineHarness(Path root, Function<Path, String> location) {
    this.location = location;
    this.input = root.resolve("input");
    this.tables = root.resolve("tables");
    this.checkpoint = root.resolve("checkpoint");
    try {
      Files.createDirectories(input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SparkSession spark() {
    return SparkTestSession.get();
  }

  public Path input() {
    return input;
  }

  /** Copies fixture files (by name, from a classpath folder) into the input folder. */
  public PipelineHarness add(String fixtureFolder, List<String> names) {
    names.forEach(name -> copy(fixture(fixtureFolder).resolve(name), input.resolve(name)));
    return this;
  }

  /** Writes a file into the input folder atomically (hidden temp name, then rename). */
  public PipelineHarness write(String name, String content) {
    try {
      Path temp = input.resolve("." + name + ".tmp");
      Files.writeString(temp, content);
      Files.move(temp, input.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Runs from now on with the batch log kept. The shared test session turns it off ({@link
   * SparkTestSession}): it adds a Delta commit per batch that most tests do not look at.
   */
  public PipelineHarness withBatchLog() {
    this.batchLog = true;
    return this;
  }

  /** Runs from now on with {@code setting} at {@code value} (defaults otherwise). */
  public <T> PipelineHarness with(Setting<T> setting, T value) {
    UnaryOperator<RunConfig> before = tweaks;
    tweaks = config -> before.apply(config).with(setting, value);
    return this;
  }

  /**
   * {@code run --once}: drains what is in the input folder, {@code maxFilesPerTrigger} files a
   * batch.
   */
  public RunSummary runOnce(int maxFilesPerTrigger) {
    return withSessionBatchLog(() -> pipeline(maxFilesPerTrigger).run());
  }

  /** As {@link #runOnce(int)}, calling {@code onBatch} with each committed batch's report. */
  public RunSummary runOnce(int maxFilesPerTrigger, Consumer<BatchReport> onBatch) {
    return withSessionBatchLog(() -> pipeline(maxFilesPerTrigger).onBatch(onBatch).run());
  }

  /** {@link #runOnce()} with the row counts {@code run} prints ({@link RunSummary#tables()}). */
  public RunSummary runOnceCountingTables() {
    return withSessionBatchLog(() -> pipeline(1000).countingTables().run());
  }

  private RunSummary withSessionBatchLog(java.util.function.Supplier<RunSummary> run) {
    if (!batchLog) {
      return run.get();
    }
    spark().conf().set(SparkTestSession.BATCH_LOG_CONF, "true");
    try {
      return run.get();
    } finally {
      spark().conf().set(SparkTestSession.BATCH_LOG_CONF, "false");
    }
  }

  private Pipeline pipeline(int maxFilesPerTrigger) {
    RunConfig config =
        new RunConfig(
            input.toString(),
            tablesLocation(),
            location.apply(checkpoint),
            true,
            Duration.ofSeconds(1),
            maxFilesPerTrigger,
            "local[2]",
            Map.of());
    return new Pipeline(tweaks.apply(config), spark());
  }

  /**
   * Gives the named input files ascending modification times in this order, the order the source
   * reads them in: with {@code runOnce(1)} each is its own batch, in one run.
   */
  public PipelineHarness readInOrder(List<String> names) {
    Instant first = Instant.now().minus(Duration.ofHours(1));
    for (int i = 0; i < names.size(); i++) {
      try {
        Files.setLastModifiedTime(input.resolve(names.get(i)), FileTime.from(first.plusSeconds(i)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return this;
  }

  public RunSummary runOnce() {
    return runOnce(1000);
  }

  public Path checkpoint() {
    return checkpoint;
  }

  public Path tables() {
    return tables;
  }

  /**
   * The tables location as the pipeline receives it: the path, or its URI on a test file system.
   */
  public String tablesLocation() {
    return location.apply(tables);
  }

  public Dataset<Row> table(String name) {
    return spark().read().format("delta").load(tablesLocation() + "/" + name);
  }

  /**
   * The Delta version of every table: unchanged versions mean nothing was committed. Read from the
   * names of the commit files, which costs no Spark query (a table's history is one per table).
   */
  public Map<String, Long> versions() {
    Map<String, Long> versions = new TreeMap<>();
    for (TableDef def : Tables.all()) {
      org.apache.hadoop.fs.Path log =
          new org.apache.hadoop.fs.Path(tablesLocation() + "/" + def.name() + "/_delta_log");
      try {
        FileSystem fs = log.getFileSystem(spark().sparkContext().hadoopConfiguration());
        long latest =
            Arrays.stream(fs.listStatus(log))
                .map(status -> status.getPath().getName())
                .filter(name -> name.matches("\\d{20}\\.json"))
                .mapToLong(name -> Long.parseLong(name.substring(0, 20)))
                .max()
                .orElseThrow(() -> new IllegalStateException("no commit in " + log));
        versions.put(def.name(), latest);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return versions;
  }

  /**
   * Every table's rows as sorted strings, without the columns that differ between runs (batch ids,
   * file paths, times): equal snapshots mean equal tables.
   */
  public Map<String, List<String>> snapshot() {
    return snapshot(Set.of());
  }

  /** As {@link #snapshot()}, keeping only rows of the given orders in order-scoped tables. */
  public Map<String, List<String>> snapshot(Set<String> onlyOrders) {
    List<List<String>> tables =
        SessionPool.forEach(
            spark(),
            Tables.all(),
            (session, def) -> {
              Dataset<Row> rows =
                  session.read().format("delta").load(tablesLocation() + "/" + def.name());
              if (!onlyOrders.isEmpty() && Arrays.asList(rows.columns()).contains("order_id")) {
                rows = rows.where(rows.col("order_id").isin(onlyOrders.toArray()));
              }
              Column[] kept =
                  Arrays.stream(rows.columns())
                      .filter(c -> !Tables.RUN_SPECIFIC_COLUMNS.contains(c))
                      .map(rows::col)
                      .toArray(Column[]::new);
              return rows.select(kept).collectAsList().stream()
                  .map(Row::toString)
                  .sorted()
                  .toList();
            });
    Map<String, List<String>> snapshot = new TreeMap<>();
    for (int i = 0; i < tables.size(); i++) {
      snapshot.put(Tables.all().get(i).name(), tables.get(i));
    }
    return snapshot;
  }

  /**
   * Every table exists, keys are unique and never null, every foreign key value names an existing
   * row.
   */
  public void assertKeysAndForeignKeys() {
    assertThat(failed(new TableIntegrity(spark(), tablesLocation()).check()))
        .as("failed integrity checks of %s", tables)
        .isEmpty();
  }

  /** The checks of {@code results} that did not pass. */
  public static List<CheckResult> failed(List<CheckResult> results) {
    return results.stream().filter(result -> !result.passed()).toList();
  }

  public static Path fixture(String folder) {
    return TestFixtures.path(folder);
  }

  public static List<String> fixtureNames(String folder) {
    try (Stream<Path> files = Files.list(fixture(folder))) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) {
    try {
      Path temp = to.resolveSibling("." + to.getFileName() + ".tmp");
      Files.copy(from, temp);
      Files.move(temp, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
