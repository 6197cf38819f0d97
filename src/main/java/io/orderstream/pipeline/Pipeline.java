package io.orderstream.pipeline;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.error.Errors;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.PersonalDataMask;
import io.orderstream.model.Tables;
import io.orderstream.sink.Compaction;
import io.orderstream.sink.DriverWrite;
import io.orderstream.sink.EventLogSeed;
import io.orderstream.sink.ManifestRecorder;
import io.orderstream.sink.PhaseTimes;
import io.orderstream.sink.SessionPool;
import io.orderstream.sink.TableCreator;
import io.orderstream.sink.TableLocations;
import io.orderstream.source.Backlog;
import io.orderstream.source.InputSource;
import io.orderstream.source.InputSources;
import io.orderstream.store.DriverScan;
import io.orderstream.store.FailFast;
import io.orderstream.store.StatsRowCount;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the streaming query for one {@link RunConfig}: checks the locations, creates missing tables,
 * then feeds each micro-batch of input files to a {@link BatchProcessor}.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /**
   * Tables written side by side: the five dimensions at once; the event log and the histories,
   * which share their phase, as the small dimensions finish.
   */
  private static final int WRITE_PARALLELISM = 5;

  private final RunConfig config;
  private final SparkSession providedSession;
  private volatile GracefulStop stopper;
  private Consumer<BatchReport> batchListener = report -> {};

  /** Null unless something shows the backlog: counting it lists the input once more. */
  private Consumer<Backlog> backlogListener;

  private boolean countTables;

  public Pipeline(RunConfig config) {
    this(config, null);
  }

  /** Runs on an existing session (tests, notebooks); the session is left running afterwards. */
  public Pipeline(RunConfig config, SparkSession session) {
    this.config = config;
    this.providedSession = session;
  }

  /**
   * Calls {@code listener} on the batch's thread after each batch has committed every table (the
   * benchmark times batches with it). Set before {@link #run()}.
   */
  public Pipeline onBatch(Consumer<BatchReport> listener) {
    this.batchListener = listener;
    return this;
  }

  /**
   * With {@code once}: counts the inputs the run is about to drain ({@link InputSource#backlog}),
   * once, after the start-up checks and before the first batch, and hands the count to {@code
   * listener} on the calling thread. Not counted unless set. Set before {@link #run()}.
   */
  public Pipeline onBacklog(Consumer<Backlog> listener) {
    this.backlogListener = listener;
    return this;
  }

  /**
   * Counts every table's rows once the run ends, for {@link RunSummary#tables()} (what {@code run}
   * prints). Off by default: on a warm session the counts cost one to four seconds a run, which
   * callers that read the tables themselves (tests, the benchmark) need not pay.
   */
  public Pipeline countingTables() {
    this.countTables = true;
    return this;
  }

  /**
   * Starts the query and blocks: with {@code once} until everything available is processed, else
   * until the process is stopped.
   */
  public RunSummary run() {
    SparkSession spark = providedSession != null ? providedSession : SparkSessions.create(config);
    try {
      return runOn(spark);
    } finally {
      if (providedSession == null) {
        spark.stop();
      }
    }
  }

  /**
   * Stops a running pipeline after its current batch commits; {@link #run()} then returns. What
   * SIGTERM and Ctrl-C do when the pipeline owns its session (the command line).
   */
  public void stop() {
    GracefulStop current = stopper;
    if (current != null) {
      current.request();
    }
  }

  private RunSummary runOn(SparkSession spark) {
    PersonalDataMask personalData =
        new PersonalDataMask(
            config.value(Setting.PERSONAL_COLUMNS), config.value(Setting.PERSONAL_COLUMNS_SALT));
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    InputSource source = InputSources.of(config);
    source.validate(spark);
    TableLocations locations = new TableLocations(config.tables());
    Compaction compaction = Compaction.forSession(spark, locations);
    DriverWrite driverWrite = DriverWrite.forSession(spark, config.tables());
    boolean keepHistory = EventHistory.enabledIn(spark);
    // With the driver's write path, lookups read the tables on the driver too.
    DriverScan driverScan = driverWrite.enabled() ? DriverScan.forSession(spark) : null;
    StoredWinners storedWinners =
        driverScan == null
            ? null
            : new StoredWinners(
                driverScan,
                locations.pathOf(OrderEventLatestTable.NAME),
                StoredWinners.DRIVER_MAX_ROWS);
    // Both locations are checked before anything is written to either.
    ensureWritable("tables", config.tables(), hadoop);
    ensureWritable("checkpoint", config.checkpoint(), hadoop);
    CheckpointIdentity identity =
        CheckpointIdentity.loadOrCreate(config.checkpoint(), config.tables(), hadoop);
    TableOwnership.claim(config.tables(), config.checkpoint(), identity, hadoop);
    // What a start costs before the first batch, step by step, for --verbose.
    PhaseTimes startup = new PhaseTimes();
    startup.run(
        "tables",
        () ->
            new TableCreator(spark, locations, personalData)
                .createMissing(
                    java.util.stream.Stream.concat(
                            Tables.all().stream(), Tables.OPERATIONAL.stream())
                        .toList()));
    startup.run(
        "manifest", () -> new ManifestRecorder(locations).afterCreate(spark, identity.appId()));
    if (keepHistory) {
      // About 6 s of a fresh JVM's first run, on new tables too, where there is nothing to seed.
      // Skipping it there made the samples' run 2-4 s shorter and a backlog's first batch longer
      // (docs/performance.md, "Start-up checks from the tables' logs" and "A cheaper decoder").
      startup.run("event_log_seed", () -> EventLogSeed.seedIfNew(spark, locations));
    }

    AtomicLong batches = new AtomicLong();
    AtomicLong events = new AtomicLong();
    AtomicLong quarantined = new AtomicLong();
    try (SessionPool writers = new SessionPool(spark, WRITE_PARALLELISM)) {
      GracefulStop stop = new GracefulStop();
      BatchProcessor processor =
          new BatchProcessor(
              locations,
              identity.appId(),
              source.describe(),
              BatchLogRecorder.enabledIn(spark),
              writers,
              report -> {
                source.batchCommitted(report.batchId());
                batches.incrementAndGet();
                events.addAndGet(report.events());
                quarantined.addAndGet(report.quarantined());
                batchListener.accept(report);
              },
              source::waiting,
              stop,
              compaction,
              personalData,
              driverWrite,
              storedWinners,
              keepHistory ? new EventHistory(locations, driverScan, storedWinners) : null);
      if (config.once() && backlogListener != null) {
        backlogListener.accept(backlog(source, spark));
      }
      StreamingQuery query = startup.time("stream", () -> start(spark, source, processor));
      LOG.debug("Start-up phases (ms): {}", startup.snapshot());
      stopper = stop.attach(query);
      if (providedSession == null) {
        stop.onSignals();
      }
      try {
        if (awaitEnd(query, source, true) && !stop.requested()) {
          // Once only: a second failure of the same kind is not the one a restart clears.
          query = start(spark, source, processor);
          stopper = stop.attach(query);
          awaitEnd(query, source, false);
        }
      } finally {
        source.close();
      }
      if (stop.requested()) {
        LOG.info("Stopped on request; the next start resumes from the checkpoint");
      }
    }
    return new RunSummary(
        batches.get(),
        events.get(),
        quarantined.get(),
        countTables ? tableCounts(spark, locations) : List.of());
  }

  private StreamingQuery start(SparkSession spark, InputSource source, BatchProcessor processor) {
    Trigger trigger =
        config.once()
            ? Trigger.AvailableNow()
            : Trigger.ProcessingTime(config.triggerInterval().toMillis());
    try {
      StreamingQuery query =
          source.stream(spark)
              .writeStream()
              .queryName("orderstream")
              .option("checkpointLocation", config.checkpoint())
              .trigger(trigger)
              .foreachBatch((VoidFunction2<Dataset<Row>, Long>) processor::process)
              .start();
      LOG.info(
          "Started (SIGTERM or Ctrl-C stops after the current batch): {}, tables {}, checkpoint {}, {}",
          source.describe(),
          config.tables(),
          config.checkpoint(),
          config.once()
              ? "draining what is available"
              : "every " + config.triggerInterval().toMillis() + " ms");
      return query;
    } catch (TimeoutException e) {
      throw Errors.queryFailed("the query did not start in time", e);
    }
  }

  /**
   * The source's count, or unknown when counting failed: the count only feeds the progress bar, so
   * a listing that fails here (and would fail the first batch with the real message) must not end
   * the run on its own.
   */
  private static Backlog backlog(InputSource source, SparkSession spark) {
    try {
      return source.backlog(spark);
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not count the inputs waiting, so progress shows no total: {}", Errors.describe(e));
      return Backlog.unknown();
    }
  }

  /**
   * Waits for the query to end; true when it failed in a way the source says a restart from the
   * checkpoint clears and {@code mayRestart} allows one. Any other failure is thrown as the user's
   * one-line message.
   */
  private static boolean awaitEnd(StreamingQuery query, InputSource source, boolean mayRestart) {
    try {
      query.awaitTermination();
      return false;
    } catch (StreamingQueryException e) {
      Throwable cause = e.cause() != null ? e.cause() : e;
      if (mayRestart && source.restartClears(cause)) {
        LOG.warn(
            "The query stopped on a failure that a restart clears ({}); starting it again from the"
                + " checkpoint",
            Errors.describe(cause));
        return true;
      }
      throw source.explain(cause).orElseGet(() -> Errors.queryFailed(Errors.describe(cause), e));
    }
  }

  /**
   * Creates the folder and writes and deletes a small probe file in it: an existing folder that is
   * read-only, or a full disk, fails here with the location named instead of inside a batch.
   */
  private static void ensureWritable(String key, String location, Configuration hadoop) {
    Path path = new Path(location);
    try (FileSystem fs = FailFast.open(path, hadoop)) {
      if (!fs.mkdirs(path)) {
        throw Errors.unwritableLocation(key, location, null);
      }
      Path probe = new Path(path, ".orderstream-write-check-" + UUID.randomUUID());
      try (FSDataOutputStream out = fs.create(probe, false)) {
        out.write(1);
      } finally {
        fs.delete(probe, false);
      }
    } catch (IOException e) {
      throw Errors.unwritableLocation(key, location, e);
    }
  }

  /**
   * Every table's row count, from the tables' logs ({@link StatsRowCount}); a table with a file
   * lacking statistics is counted by Spark.
   */
  private static List<RunSummary.TableCount> tableCounts(
      SparkSession spark, TableLocations locations) {
    Engine engine = DefaultEngine.create(spark.sessionState().newHadoopConf());
    return Tables.all().stream()
        .map(
            def -> {
              String path = locations.pathOf(def.name());
              long rows =
                  StatsRowCount.of(engine, path)
                      .orElseGet(() -> spark.read().format("delta").load(path).count());
              return new RunSummary.TableCount(def.name(), rows);
            })
        .toList();
  }
}
