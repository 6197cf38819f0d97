package io.orderstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderstream.config.Durations;
import io.orderstream.config.SparkSettings;
import io.orderstream.error.Errors;
import io.orderstream.ops.CheckpointProgress;
import io.orderstream.ops.PipelineHealth;
import io.orderstream.ops.PipelineHealth.InputsWaiting;
import io.orderstream.ops.PipelineStatus;
import io.orderstream.ops.PipelineStatus.BatchLine;
import io.orderstream.ops.PipelineStatus.Report;
import io.orderstream.ops.PipelineStatus.TableState;
import io.orderstream.read.ConsistentSnapshot;
import io.orderstream.sink.BatchManifest;
import io.orderstream.sink.TableLocations;
import io.orderstream.source.files.FolderInputSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code orderstream status}: the last batches, the quarantine, every table's version, rows, files
 * and last compaction, and whether the pipeline looks healthy.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    modelTransformer = CheckCommand.MasterOption.class,
    description = {
      "Show how a pipeline's tables stand: the newest manifest, the last batches (from the"
          + " batch_log table), quarantined documents by reason, and each table's version, rows,"
          + " files, size and last compaction. With --checkpoint, also whether a batch has started"
          + " and not committed; with --input too, how many files no batch has read yet."
    },
    footer = {
      "",
      "Exit codes: 0 healthy, 1 unhealthy (a batch started longer than --stale-after ago has not"
          + " committed: it failed or is stuck; or no batch has committed for longer than"
          + " --stale-after while inputs wait), 2 bad usage (such as a folder without tables or"
          + " manifests)."
    })
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--tables",
      required = true,
      paramLabel = "DIR",
      description = "The tables folder (the --tables of a run; any Hadoop URI).")
  String tables;

  @Option(
      names = "--checkpoint",
      paramLabel = "DIR",
      description = "The run's checkpoint folder: adds the batch in flight, if any, to the health.")
  String checkpoint;

  @Option(
      names = "--input",
      paramLabel = "DIR",
      description =
          "The run's input folder (the folder source): counts the files no batch has read yet,"
              + " listed now. Needs --checkpoint. Without it the waiting inputs are those the last"
              + " batch left, from the batch log.")
  String input;

  @Option(
      names = "--recursive",
      description = "With --input: count files in sub-folders too, as a run with recursive=true.")
  boolean recursive;

  @Option(
      names = "--stale-after",
      paramLabel = "DURATION",
      defaultValue = "10m",
      description =
          "A batch started this long ago without committing makes the status unhealthy"
              + " (ms, s, m or h). Default: ${DEFAULT-VALUE}.")
  String staleAfter;

  @Option(
      names = "--batches",
      paramLabel = "N",
      defaultValue = "5",
      description = "How many of the last batches to show. Default: ${DEFAULT-VALUE}.")
  int batches;

  @Option(names = "--json", description = "Print one JSON document instead of text.")
  boolean json;

  @Mixin ConfigSources sources;

  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final SparkSessionSource sessions;
  private final Clock clock;

  /** What picocli instantiates: the real environment and working directory, its own session. */
  StatusCommand() {
    this(
        System.getenv(),
        Path.of("").toAbsolutePath(),
        SparkSessionSource.started(),
        Clock.systemUTC());
  }

  /** For tests: a stand-in environment, working directory, session and clock. */
  StatusCommand(
      Map<String, String> environment,
      Path workingDirectory,
      SparkSessionSource sessions,
      Clock clock) {
    this.environment = environment;
    this.workingDirectory = workingDirectory;
    this.sessions = sessions;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    TablesFolder.requireLocal("--tables", tables);
    if (checkpoint != null) {
      TablesFolder.requireLocal("--checkpoint", checkpoint);
    }
    if (input != null) {
      if (checkpoint == null) {
        throw Errors.invalidSetting(
            "--input", input, "--checkpoint as well: the checkpoint records what was read");
      }
      // Listing a folder that is not there would report nothing waiting: a typo must not look
      // healthy.
      if (TablesFolder.isMissingLocalFolder(input)) {
        throw Errors.missingInput("--input", input);
      }
    }
    Duration stale = staleDuration();
    if (batches < 1) {
      throw Errors.invalidSetting(
          "--batches", Integer.toString(batches), "a whole number, 1 or more");
    }
    // Before Spark starts: a folder without a manifest is a usage error.
    BatchManifest newest =
        ConsistentSnapshot.newestManifest(
            "--tables", new TableLocations(tables), new Configuration());
    Optional<CheckpointProgress> progress = checkpointProgress();
    OptionalLong listedNow =
        input == null
            ? OptionalLong.empty()
            : OptionalLong.of(
                FolderInputSource.waitingNow(input, checkpoint, new Configuration(), recursive));
    SparkSettings spark = sources.sparkSettings(spec, workingDirectory, environment);
    Report report = sessions.use("orderstream-status", spark, new Read());
    Instant now = clock.instant();
    InputsWaiting waiting = InputsWaiting.of(listedNow, report.lastBatches());
    List<String> problems = PipelineHealth.problems(newest, progress, waiting, stale, now);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(newest, report, progress, waiting, problems, now));
    } else {
      printText(out, newest, report, progress, waiting, problems, now);
    }
    out.flush();
    return problems.isEmpty() ? 0 : 1;
  }

  private Duration staleDuration() {
    try {
      return Durations.parse(staleAfter);
    } catch (IllegalArgumentException e) {
      throw Errors.invalidSetting("--stale-after", staleAfter, "a duration such as 90s, 10m or 1h");
    }
  }

  private Optional<CheckpointProgress> checkpointProgress() {
    if (checkpoint == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(CheckpointProgress.of(checkpoint, new Configuration()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A class of its own so that {@code --help} loads no Spark class (as in CheckCommand). */
  private final class Read implements Function<SparkSession, Report> {
    @Override
    public Report apply(SparkSession spark) {
      return new PipelineStatus(spark, tables).read(batches);
    }
  }

  private void printText(
      PrintWriter out,
      BatchManifest newest,
      Report report,
      Optional<CheckpointProgress> progress,
      InputsWaiting waiting,
      List<String> problems,
      Instant now) {
    out.printf(
        Locale.ROOT,
        "Newest manifest: batch %d, committed %s (%s ago)%n",
        newest.batchId(),
        newest.committedAt(),
        Durations.describe(Duration.between(newest.committedAt(), now)));
    progress.ifPresent(
        p ->
            out.println(
                p.inFlight() < 0
                    ? "Checkpoint: no batch in flight"
                    : "Checkpoint: batch "
                        + p.inFlight()
                        + " in flight since "
                        + p.startedAt().get()));
    out.println("Inputs waiting: " + waiting.describe());
    out.println();
    out.println("Last batches:");
    out.printf(
        Locale.ROOT,
        "  %-6s %-27s %8s %8s %11s %7s %9s %8s %12s%n",
        "batch",
        "ended",
        "inputs",
        "events",
        "quarantined",
        "orders",
        "ms",
        "waiting",
        "oldest age");
    for (BatchLine line : report.lastBatches()) {
      out.printf(
          Locale.ROOT,
          "  %-6d %-27s %8d %8d %11d %7d %9d %8s %12s%n",
          line.batchId(),
          line.endedAt(),
          line.inputs(),
          line.events(),
          line.quarantined(),
          line.ordersChanged(),
          line.durationMs(),
          line.inputsWaiting() == null ? "-" : line.inputsWaiting().toString(),
          line.oldestInputAgeMs() == null
              ? "-"
              : Durations.describe(Duration.ofMillis(line.oldestInputAgeMs())));
    }
    out.println();
    out.println(
        "Quarantine: "
            + (report.quarantineByReason().isEmpty()
                ? "empty"
                : report.quarantineByReason().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("")));
    out.println();
    out.printf(
        Locale.ROOT,
        "  %-18s %7s %10s %6s %10s  %s%n",
        "table",
        "version",
        "rows",
        "files",
        "MB",
        "last compaction");
    for (TableState table : report.tables()) {
      out.printf(
          Locale.ROOT,
          "  %-18s %7d %10d %6d %10.2f  %s%n",
          table.table(),
          table.version(),
          table.rows(),
          table.files(),
          table.bytes() / 1_048_576.0,
          table.lastCompaction() == null ? "none" : table.lastCompaction().toString());
    }
    out.println();
    if (problems.isEmpty()) {
      out.println(
          checkpoint == null
              ? "Healthy (without --checkpoint, batches in flight are not checked)."
              : "Healthy.");
    } else {
      problems.forEach(problem -> out.println("UNHEALTHY: " + problem));
    }
  }

  private static String json(
      BatchManifest newest,
      Report report,
      Optional<CheckpointProgress> progress,
      InputsWaiting waiting,
      List<String> problems,
      Instant now) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("healthy", problems.isEmpty());
    root.putArray("problems").addAll(problems.stream().map(root::textNode).toList());
    ObjectNode manifest = root.putObject("newest_manifest");
    manifest.put("batch_id", newest.batchId());
    manifest.put("committed_at", newest.committedAt().toString());
    manifest.put("age_seconds", Duration.between(newest.committedAt(), now).toSeconds());
    progress.ifPresent(
        p -> {
          ObjectNode checkpoint = root.putObject("checkpoint");
          checkpoint.put("last_committed_batch", p.lastCommitted());
          if (p.inFlight() >= 0) {
            checkpoint.put("batch_in_flight", p.inFlight());
            checkpoint.put("in_flight_since", p.startedAt().map(Instant::toString).orElse(null));
          }
        });
    ObjectNode inputs = root.putObject("inputs_waiting");
    if (waiting.count().isPresent()) {
      inputs.put("count", waiting.count().getAsLong());
    } else {
      inputs.putNull("count");
    }
    inputs.put("as_of", waiting.asOf());
    ArrayNode batches = root.putArray("last_batches");
    for (BatchLine line : report.lastBatches()) {
      ObjectNode node = batches.addObject();
      node.put("batch_id", line.batchId());
      node.put("ended_at", line.endedAt().toString());
      node.put("inputs", line.inputs());
      node.put("events", line.events());
      node.put("quarantined", line.quarantined());
      node.put("orders_changed", line.ordersChanged());
      node.put("duration_ms", line.durationMs());
      node.put("inputs_waiting", line.inputsWaiting());
      node.put("oldest_input_age_ms", line.oldestInputAgeMs());
      line.phaseMillis().forEach(node.putObject("phase_ms")::put);
    }
    ObjectNode quarantine = root.putObject("quarantine_by_reason");
    report.quarantineByReason().forEach(quarantine::put);
    ArrayNode tables = root.putArray("tables");
    for (TableState table : report.tables()) {
      ObjectNode node = tables.addObject();
      node.put("table", table.table());
      node.put("version", table.version());
      node.put("rows", table.rows());
      node.put("files", table.files());
      node.put("bytes", table.bytes());
      node.put(
          "last_compaction",
          table.lastCompaction() == null ? null : table.lastCompaction().toString());
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
