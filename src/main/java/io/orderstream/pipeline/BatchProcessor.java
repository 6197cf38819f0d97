package io.orderstream.pipeline;

import io.orderstream.event.DecodedRows;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.PersonalDataMask;
import io.orderstream.model.QuarantineTable;
import io.orderstream.model.Winners;
import io.orderstream.sink.BatchTransaction;
import io.orderstream.sink.Compaction;
import io.orderstream.sink.DriverWrite;
import io.orderstream.sink.ManifestRecorder;
import io.orderstream.sink.MergeMetrics;
import io.orderstream.sink.PhaseTimes;
import io.orderstream.sink.PreparedHistory;
import io.orderstream.sink.PreparedOrders;
import io.orderstream.sink.SessionPool;
import io.orderstream.sink.StarSchemaSink;
import io.orderstream.sink.TableLocations;
import io.orderstream.source.Backlog;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one micro-batch of inputs: decode, quarantine what is unusable, find the orders whose
 * winning event changed and the events new to the event log, and write their rows to every table.
 *
 * <p>Everything a batch writes depends only on its files and on the tables' state, so replaying a
 * batch after a crash recomputes the same rows and Delta's per-batch transaction ids skip what was
 * already committed. Once every table holds the batch, a {@link io.orderstream.sink.BatchManifest}
 * records their versions for consistent readers; a batch that fails before that leaves readers on
 * the previous manifest.
 */
public final class BatchProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

  private final TableLocations locations;

  /** Null when nothing can ask for a graceful stop. */
  private final GracefulStop stopRequested;

  private final String appId;
  private final StarSchemaSink sink;
  private final Compaction compaction;
  private final ManifestRecorder manifests;
  private final BatchLogRecorder batchLog;
  private final Consumer<BatchReport> listener;
  private final LongFunction<Backlog> waiting;

  /**
   * The most events a batch may have for its changed orders to be found on the driver ({@link
   * ChangedOrders#onDriver}): its events are collected, raw and normalized, a few kilobytes each. A
   * larger batch joins with {@code order_event_latest} in Spark, where its many rows cost less than
   * the join's fixed cost.
   */
  static final long DRIVER_CHANGE_DETECTION_MAX_EVENTS = 5_000;

  /** The stored winners kept on the driver; null when every lookup is a Spark query. */
  private final StoredWinners storedWinners;

  /** Computes the event log's and the histories' changes; null when they are not kept. */
  private final HistoryAlongside<PreparedHistory> histories;

  BatchProcessor(
      TableLocations locations,
      String appId,
      String sourceDescription,
      boolean batchLogEnabled,
      SessionPool writers,
      Consumer<BatchReport> listener,
      LongFunction<Backlog> waiting,
      GracefulStop stopRequested,
      Compaction compaction,
      PersonalDataMask personalData,
      DriverWrite driverWrite,
      StoredWinners storedWinners,
      EventHistory history) {
    this.storedWinners = storedWinners;
    this.stopRequested = stopRequested;
    this.locations = locations;
    this.appId = appId;
    this.sink = new StarSchemaSink(locations, writers, personalData, driverWrite);
    this.histories = history == null ? null : new HistoryAlongside<>(history, sink::prepareHistory);
    this.compaction = compaction;
    this.manifests = new ManifestRecorder(locations);
    this.batchLog = new BatchLogRecorder(locations, appId, sourceDescription, batchLogEnabled);
    this.listener = listener;
    this.waiting = waiting;
  }

  /**
   * @param inputs the {@link io.orderstream.source.InputRows} columns: one row per input
   */
  public void process(Dataset<Row> inputs, Long batchId) throws InterruptedException {
    if (stopRequested != null && stopRequested.requested()) {
      stopRequested.holdForStop();
    }
    long started = System.nanoTime();
    Instant startedAt = Instant.now();
    PhaseTimes phases = new PhaseTimes();
    BatchTransaction txn = new BatchTransaction(appId, batchId);
    Dataset<Row> decoded = DecodedRows.decode(inputs).persist(StorageLevel.MEMORY_AND_DISK());
    HistoryAlongside<PreparedHistory>.Pending pendingHistory = null;
    try {
      InputCounts counts = phases.time("decode", () -> InputCounts.of(decoded));
      long inputCount = counts.count();
      long events = counts.events();
      long rejected = counts.rejected();
      Map<String, Long> rejectedByReason = new TreeMap<>(counts.rejectedByReason());
      Dataset<Row> quarantine = rejected == 0 ? null : DecodedRows.rejected(decoded);
      PoisonIsolation.Outcome<PreparedOrders> orders = PoisonIsolation.Outcome.none();
      boolean onDriver = storedWinners != null && events <= DRIVER_CHANGE_DETECTION_MAX_EVENTS;
      Dataset<Row> valid =
          onDriver && events > 0
              ? phases.time("collect_events", () -> onDriver(DecodedRows.events(decoded)))
              : DecodedRows.events(decoded);
      if (histories != null && events > 0) {
        pendingHistory = histories.start(valid, batchId);
      }
      if (events > 0) {
        // Derives every table's rows before anything is written; quarantines what one event makes
        // underivable.
        orders =
            phases.time(
                "change_detection",
                () ->
                    PoisonIsolation.derive(
                        valid,
                        remaining ->
                            (onDriver
                                    ? ChangedOrders.onDriver(remaining, storedWinners, batchId)
                                    : Optional.<Winners>empty())
                                .orElseGet(
                                    () ->
                                        ChangedOrders.of(
                                            remaining, storedWinnersTable(inputs), batchId)),
                        batchId,
                        winners -> sink.prepare(winners, txn, onDriver),
                        PreparedOrders::orders));
        if (orders.unprocessableCount() > 0) {
          quarantine =
              quarantine == null
                  ? orders.unprocessable()
                  : quarantine.unionByName(orders.unprocessable());
          events -= orders.unprocessableCount();
          rejected += orders.unprocessableCount();
          rejectedByReason.merge(PoisonIsolation.REASON, orders.unprocessableCount(), Long::sum);
        }
      }
      if (quarantine != null) {
        Dataset<Row> rejectedRows = quarantine;
        phases.run("quarantine", () -> sink.writeQuarantine(rejectedRows, txn));
      }
      HistoryAlongside<PreparedHistory>.Pending historyUnderWay = pendingHistory;
      Dataset<Row> unprocessable = orders.unprocessable();
      // What remains of the history's computation once change detection is done.
      PreparedHistory historyChanges =
          historyUnderWay == null
              ? null
              : phases.time("history", () -> historyUnderWay.finish(unprocessable));
      long changed = orders.changed();
      Map<String, MergeMetrics> written =
          orders.prepared() == null && historyChanges == null
              ? Map.of()
              : sink.write(orders.prepared(), historyChanges, txn, phases);
      // Only now is the batch in every table: readers of the manifests move on to this state.
      phases.run("manifest", () -> manifests.afterBatch(inputs.sparkSession(), appId, batchId));
      BatchReport report =
          new BatchReport(
              batchId,
              inputCount,
              events,
              rejected,
              rejectedByReason,
              changed,
              written,
              startedAt,
              (System.nanoTime() - started) / 1_000_000,
              phases.snapshot(),
              waiting.apply(batchId).inputs());
      Instant endedAt = startedAt.plusMillis(report.millis());
      batchLog.append(
          inputs.sparkSession(),
          txn,
          batchLog.row(report, endedAt, oldestInputAgeMillis(counts, endedAt)));
      LOG.info(report.toLogLine());
      LOG.debug("batch {} phases (ms): {}", batchId, new TreeMap<>(report.phaseMillis()));
      listener.accept(report);
      // Upkeep after the batch is committed and reported, so it never delays the batch's own rows.
      compaction.recordWrites(written);
      compaction.recordWrites(batchLog.written());
      if (rejected > 0) {
        compaction.recordWrites(Map.of(QuarantineTable.NAME, new MergeMetrics(rejected, 0, 0)));
      }
      compaction.runDue(inputs.sparkSession());
    } catch (RuntimeException | Error failure) {
      if (pendingHistory != null) {
        pendingHistory.abandon();
      }
      throw failure;
    } finally {
      decoded.unpersist();
    }
  }

  /**
   * The batch's valid events as a relation held in the plan, collected once: change detection and
   * the event log's work read them several times each, and a Spark job over a local relation is
   * planned and run on the driver, or as tasks that carry their few rows, instead of as tasks that
   * read the cached decode.
   */
  private static Dataset<Row> onDriver(Dataset<Row> events) {
    return events.sparkSession().createDataFrame(events.collectAsList(), events.schema());
  }

  /** The {@code order_event_latest} table, for change detection with Spark. */
  private Dataset<Row> storedWinnersTable(Dataset<Row> inputs) {
    return inputs
        .sparkSession()
        .read()
        .format("delta")
        .load(locations.pathOf(OrderEventLatestTable.NAME));
  }

  /**
   * How long the batch's oldest input had waited when the batch committed: from its arrival to the
   * end of the batch; null when the source gives no arrival times. A clock behind the sender's can
   * make it negative for fresh inputs; it is reported as it is.
   */
  private static Long oldestInputAgeMillis(InputCounts counts, Instant endedAt) {
    return counts.oldestArrival() == null
        ? null
        : Duration.between(counts.oldestArrival(), endedAt).toMillis();
  }
}
