package io.orderstream.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import io.orderstream.sink.BatchManifest;
import io.orderstream.sink.ManifestLog;
import io.orderstream.sink.SessionPool;
import io.orderstream.sink.TableLocations;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the data files that no kept manifest needs, table by table, with Delta's VACUUM, then the
 * manifests older than the kept ones.
 *
 * <p>A reader pinned to a manifest reads each table at the manifest's version, so it needs every
 * file that was live at that version. Such a file, if a later commit removed it, was removed at or
 * after that version's commit. So VACUUM may delete what was removed before the commit of the
 * oldest version a kept manifest names, minus a margin: the retention is computed per table so that
 * Delta's cutoff (its clock's now minus the retention) falls there, or up to an hour earlier since
 * Delta takes whole hours. The cutoff is then a time of the pipeline's own clock (commit timestamps
 * and removal timestamps both come from it), so the clock of the machine running this does not
 * matter. Files a running batch is writing are younger than the newest commit, so they are younger
 * than the cutoff too and are kept: this is safe while the pipeline runs.
 *
 * <p>It does not compact: the pipeline compacts its tables itself between batches, where a
 * compaction cannot conflict with a batch's MERGE.
 */
public final class Maintenance {
  /**
   * Settings for the duration of a VACUUM: Delta refuses a retention under 7 days unless its check
   * is off (the retention here is computed, not chosen); Delta 4.1.0 silently ignores any RETAIN
   * other than 0 hours and takes the table's deletedFileRetentionDuration instead unless its
   * (internal) retentionWindowIgnore setting is off; and VACUUM lists a table's files in a Spark
   * job of as many tasks as the partition-discovery parallelism, 10,000 by default, which took
   * about 30 s per table of a few files on 2 cores.
   */
  static final Map<String, String> VACUUM_SETTINGS =
      Map.of(
          "spark.databricks.delta.retentionDurationCheck.enabled", "false",
          "spark.databricks.delta.vacuum.retentionWindowIgnore.enabled", "false",
          "spark.sql.sources.parallelPartitionDiscovery.parallelism", "8");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private final SparkSession spark;
  private final TableLocations locations;
  private final Configuration hadoop;
  private final Clock clock;

  public Maintenance(SparkSession spark, String tablesLocation, Clock clock) {
    this.spark = spark;
    this.locations = new TableLocations(tablesLocation);
    this.hadoop = spark.sessionState().newHadoopConf();
    this.clock = clock;
  }

  /**
   * Which manifests to keep: the newest {@code newest}, and with them any committed within the last
   * {@code recent}; {@code margin} moves the cutoff that much earlier, against clock differences
   * between the machines that write files and commits (an object store's own clock).
   */
  public record Retention(int newest, Duration recent, Duration margin) {
    public Retention {
      if (newest < 1) {
        throw new IllegalArgumentException("at least one manifest is kept, got " + newest);
      }
    }
  }

  /**
   * What one table's vacuum did; sizes are of its data files (the Delta log not included).
   *
   * @param oldestKeptVersion the table's version in the oldest kept manifest; -1 for the
   *     operational tables, which are in no manifest
   */
  public record TableResult(
      String table,
      long oldestKeptVersion,
      Instant cutoff,
      long filesBefore,
      long bytesBefore,
      long filesAfter,
      long bytesAfter) {}

  /**
   * @param oldestKept the oldest manifest kept, every table readable at its versions afterwards
   */
  public record Result(
      BatchManifest oldestKept,
      int manifestsKept,
      int manifestsDeleted,
      List<TableResult> tables) {}

  /**
   * Vacuums every table, then deletes the manifests older than the kept ones.
   *
   * @throws IllegalStateException when the tables location has no manifest
   */
  public Result run(Retention retention) {
    ManifestLog log = new ManifestLog(locations, hadoop);
    try {
      List<BatchManifest> kept = kept(log.all(), retention, clock.instant());
      BatchManifest oldest = kept.get(0);
      Map<String, Long> oldestVersions = new LinkedHashMap<>();
      for (TableDef def : Tables.all()) {
        kept.stream()
            .filter(m -> m.versions().containsKey(def.name()))
            .mapToLong(m -> m.versions().get(def.name()))
            .min()
            .ifPresent(version -> oldestVersions.put(def.name(), version));
      }
      Map<String, Instant> cutoffs = new LinkedHashMap<>();
      for (Map.Entry<String, Long> table : oldestVersions.entrySet()) {
        cutoffs.put(
            table.getKey(),
            commitTimestamp(locations.pathOf(table.getKey()), table.getValue())
                .minus(retention.margin()));
      }
      // The operational tables are read at their newest version only: what their compactions
      // replaced before the oldest kept manifest is as old as anything deleted above.
      for (TableDef def : Tables.OPERATIONAL) {
        cutoffs.put(def.name(), oldest.committedAt().minus(retention.margin()));
      }
      // Side by side: most of a small table's VACUUM is driver work (listing, planning).
      List<TableResult> tables =
          withoutConsole(
              () ->
                  SessionPool.forEach(
                      spark,
                      List.copyOf(cutoffs.entrySet()),
                      (session, table) ->
                          vacuum(
                              session,
                              table.getKey(),
                              oldestVersions.getOrDefault(table.getKey(), -1L),
                              table.getValue())));
      int deleted = log.deleteOlderThan(oldest);
      return new Result(oldest, kept.size(), deleted, tables);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code work} with {@code System.out} discarded: Delta's VACUUM prints "Deleted N files and
   * directories in a total of M directories." there for each table (not through its logger), which
   * would interleave with a command's own report of the same figures.
   */
  private static <T> T withoutConsole(Supplier<T> work) {
    PrintStream console = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      return work.get();
    } finally {
      System.setOut(console);
    }
  }

  /** The kept manifests, oldest first; never empty. */
  static List<BatchManifest> kept(List<BatchManifest> all, Retention retention, Instant now) {
    if (all.isEmpty()) {
      throw new IllegalStateException("no manifest: the pipeline has not created the tables yet");
    }
    Instant recentFrom = now.minus(retention.recent());
    List<BatchManifest> kept = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      BatchManifest manifest = all.get(i);
      boolean newest = i >= all.size() - retention.newest();
      if (newest || !manifest.committedAt().isBefore(recentFrom)) {
        kept.add(manifest);
      }
    }
    return kept;
  }

  private TableResult vacuum(SparkSession spark, String table, long version, Instant wanted) {
    try {
      return vacuumIn(spark, table, version, wanted);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param version the table's version in the oldest kept manifest; -1 for a table in none
   * @param wanted the latest cutoff that keeps what the kept manifests need
   */
  private TableResult vacuumIn(SparkSession spark, String table, long version, Instant wanted)
      throws IOException {
    String path = locations.pathOf(table);
    long started = System.nanoTime();
    long[] before = dataFiles(path);
    // Delta's cutoff is its clock's now minus the retention, and Delta 4.1.0 rounds the retention
    // to whole hours: rounded up here, so the cutoff falls at or before the wanted one, never
    // after. Files removed up to an hour before the oldest kept commit therefore stay until a
    // later run. Never under an hour: the files of a batch that is writing but has not committed
    // are untracked, and RETAIN 0 HOURS would delete them (a cutoff at or after now happens only
    // when the pipeline's clock runs ahead of this one).
    Instant now = clock.instant();
    long hours = Math.max(1, (Duration.between(wanted, now).toMillis() + HOUR - 1) / HOUR);
    Instant cutoff = now.minusMillis(hours * HOUR);
    Map<String, String> previous = new HashMap<>();
    VACUUM_SETTINGS.forEach(
        (key, value) -> {
          previous.put(key, spark.conf().getOption(key).getOrElse(() -> null));
          spark.conf().set(key, value);
        });
    try {
      DeltaTable.forPath(spark, path).vacuum(hours);
    } finally {
      previous.forEach(
          (key, value) -> {
            if (value == null) {
              spark.conf().unset(key);
            } else {
              spark.conf().set(key, value);
            }
          });
    }
    long[] after = dataFiles(path);
    LOG.info(
        "Vacuumed {} from version {} (cutoff {}) in {} ms: {} files left of {}",
        table,
        version,
        cutoff,
        (System.nanoTime() - started) / 1_000_000,
        after[0],
        before[0]);
    return new TableResult(table, version, cutoff, before[0], before[1], after[0], after[1]);
  }

  /** When {@code version} was committed, by the writer's clock (its commitInfo). */
  private Instant commitTimestamp(String table, long version) throws IOException {
    Path commit = new Path(table, String.format(Locale.ROOT, "_delta_log/%020d.json", version));
    FileSystem fs = commit.getFileSystem(hadoop);
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(fs.open(commit), StandardCharsets.UTF_8))) {
      Optional<Long> timestamp =
          lines.lines().map(Maintenance::commitInfoTimestamp).flatMap(Optional::stream).findFirst();
      return Instant.ofEpochMilli(
          timestamp.orElseThrow(
              () -> new IOException("commit " + commit + " has no commitInfo timestamp")));
    }
  }

  private static Optional<Long> commitInfoTimestamp(String line) {
    try {
      JsonNode info = JSON.readTree(line).get("commitInfo");
      if (info == null) {
        return Optional.empty();
      }
      JsonNode inCommit = info.get("inCommitTimestamp");
      JsonNode timestamp = inCommit != null ? inCommit : info.get("timestamp");
      return timestamp == null ? Optional.empty() : Optional.of(timestamp.asLong());
    } catch (IOException e) {
      throw new UncheckedIOException("an unreadable line in a Delta commit: " + e.getMessage(), e);
    }
  }

  /** Count and bytes of a table's files outside its Delta log. */
  private long[] dataFiles(String table) throws IOException {
    Path root = new Path(table);
    long[] total = new long[2];
    countDataFiles(root.getFileSystem(hadoop), root, total);
    return total;
  }

  /**
   * Adds the files under {@code folder} to {@code total}, leaving out the Delta log, whose
   * temporary files a running batch writes and renames while it is listed: Hadoop's recursive
   * listing fails on such a file when it is gone before its status is read. A folder that goes
   * while listed is skipped.
   */
  private static void countDataFiles(FileSystem fs, Path folder, long[] total) throws IOException {
    FileStatus[] entries;
    try {
      entries = fs.listStatus(folder);
    } catch (FileNotFoundException gone) {
      return;
    }
    for (FileStatus entry : entries) {
      if (entry.isDirectory()) {
        if (!entry.getPath().getName().equals("_delta_log")) {
          countDataFiles(fs, entry.getPath(), total);
        }
      } else {
        total[0]++;
        total[1] += entry.getLen();
      }
    }
  }
}
