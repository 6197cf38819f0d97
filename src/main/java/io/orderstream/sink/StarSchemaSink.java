package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.orderstream.model.CollectedTables;
import io.orderstream.model.HistoryBatch;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.OrderEventTable;
import io.orderstream.model.OrderItemStatusHistoryTable;
import io.orderstream.model.OrderStatusHistoryTable;
import io.orderstream.model.PersonalDataMask;
import io.orderstream.model.QuarantineTable;
import io.orderstream.model.TableDef;
import io.orderstream.model.TableDerivation;
import io.orderstream.model.TableKind;
import io.orderstream.model.Tables;
import io.orderstream.model.Winners;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes one micro-batch to every table, each write idempotent for (app id, batch id).
 *
 * <p>First every table's rows are computed from the batch, then written in three phases, the tables
 * of a phase side by side: dimensions; order-scoped tables with the event log and the status
 * histories; {@code order_event_latest}. Dimensions first means a fact row's new foreign keys exist
 * before it does. The latest events last means a crash before them leaves them unchanged, so the
 * replayed batch finds the same orders changed and rewrites the same rows.
 */
public final class StarSchemaSink {
  private final TableLocations locations;
  private final SessionPool pool;
  private final PersonalDataMask personalData;
  private final DriverWrite driver;
  private final DimensionWriter dimensions = new DimensionWriter();
  private final OrderScopedWriter orderScoped = new OrderScopedWriter();
  private final LatestEventWriter latest = new LatestEventWriter();
  private final EventLogWriter eventLog = new EventLogWriter();

  /**
   * @param personalData what the derived rows get in their personal columns ({@code
   *     personal-columns})
   * @param driver writes a table from the driver when the batch is small, instead of a Spark MERGE
   */
  public StarSchemaSink(
      TableLocations locations,
      SessionPool pool,
      PersonalDataMask personalData,
      DriverWrite driver) {
    this.locations = locations;
    this.pool = pool;
    this.personalData = personalData;
    this.driver = driver;
  }

  /**
   * Adds rejected inputs whose key (source and position) is not in the table yet. The key, not only
   * the batch's transaction id, keeps a replay from doubling them: a checkpoint that takes the
   * tables over reads the same files again under new transaction ids.
   */
  public void writeQuarantine(Dataset<Row> rejected, BatchTransaction txn) {
    Dataset<Row> rows = QuarantineTable.rows(rejected, txn.batchId());
    String key = QuarantineTable.DEFINITION.key();
    txn.run(
        rows.sparkSession(),
        () -> {
          DeltaTable.forPath(rows.sparkSession(), locations.pathOf(QuarantineTable.NAME))
              .as("t")
              .merge(rows.as("s"), col("t." + key).equalTo(col("s." + key)))
              .whenNotMatched()
              .insertAll()
              .execute();
          return null;
        });
  }

  /**
   * Derives every table's rows for the changed orders ({@link TableDerivation}) and brings them to
   * the driver, writing nothing: a failure caused by the events' values surfaces here, before any
   * table changes.
   *
   * @param smallBatch whether the rows are few enough to come back in one Spark job
   */
  public PreparedOrders prepare(Winners winners, BatchTransaction txn, boolean smallBatch) {
    CollectedTables collected =
        TableDerivation.collect(winners, txn.batchId(), personalData, smallBatch);
    Map<TableDef, PreparedMerge> prepared = new LinkedHashMap<>();
    collected.tables().forEach((table, rows) -> prepared.put(table, prepare(table, rows)));
    PreparedMerge latestRows = prepared.remove(OrderEventLatestTable.DEFINITION);
    List<Object> changedOrders =
        collected.orders().stream().map(o -> (Object) o.orderId()).toList();
    return new PreparedOrders(
        prepared,
        latestRows,
        changedOrders,
        TouchedRange.of(collected.orders()),
        winners.rows().sparkSession());
  }

  /** One table's derived rows, as its writer needs them. */
  private PreparedMerge prepare(TableDef table, CollectedTables.Rows rows) {
    return switch (table.kind()) {
      case DIMENSION -> dimensions.prepare(table, rows);
      case ORDER_SCOPED -> orderScoped.prepare(table, rows);
      case LATEST_EVENT -> latest.prepare(rows);
      default -> throw new IllegalArgumentException(table.name() + " is not derived from events");
    };
  }

  /** A batch's new events and its orders' recomputed histories, ready to write. */
  public PreparedHistory prepareHistory(HistoryBatch history) {
    return new PreparedHistory(
        onDriver(OrderEventTable.DEFINITION, history.newEvents()),
        onDriver(OrderStatusHistoryTable.DEFINITION, history.periods().orders()),
        onDriver(OrderItemStatusHistoryTable.DEFINITION, history.periods().items()),
        history.orders(),
        new TouchedRange(history.from(), history.to()));
  }

  private static PreparedMerge onDriver(TableDef table, List<Row> rows) {
    return new PreparedMerge(table.name(), rows, table.schema());
  }

  /**
   * Writes prepared rows: dimensions, the new events and the status histories; then order-scoped
   * tables; then the winning events. Each table's time goes to {@code times} as {@code
   * write:<table>}.
   *
   * @param orders the changed orders' rows; null when no winner changed
   * @param history the new events and histories; null when none (or history is off)
   */
  public Map<String, MergeMetrics> write(
      PreparedOrders orders, PreparedHistory history, BatchTransaction txn, PhaseTimes times) {
    Map<TableDef, PreparedMerge> prepared = orders == null ? Map.of() : orders.tables();
    TableWrite write =
        (def, session) ->
            switch (def.kind()) {
              case DIMENSION ->
                  dimensions.apply(
                      def, prepared.get(def), locations.pathOf(def.name()), txn, session, driver);
              case EVENT_LOG ->
                  eventLog.apply(
                      history.events(), locations.pathOf(def.name()), txn, session, driver);
              case STATUS_HISTORY ->
                  orderScoped.apply(
                      def,
                      def.name().equals(OrderStatusHistoryTable.NAME)
                          ? history.orderPeriods()
                          : history.itemPeriods(),
                      history.orderIds(),
                      history.range(),
                      locations.pathOf(def.name()),
                      txn,
                      session,
                      driver);
              default ->
                  orderScoped.apply(
                      def,
                      prepared.get(def),
                      orders.changedOrders(),
                      orders.range(),
                      locations.pathOf(def.name()),
                      txn,
                      session,
                      driver);
            };
    // The histories go with the dimensions, before order_event_latest: a replay that finds the
    // latest events written finds the histories written too, so the stored history rows it must
    // find are where the stored winners say. In the first phase their short writes fill the time
    // the small dimensions leave while the two large ones are probed; in the second they queued
    // behind the order-scoped tables (measured: 0.1-0.3 s a batch).
    List<TableDef> first = new ArrayList<>(tablesOf(prepared, TableKind.DIMENSION));
    if (history != null) {
      first.addAll(Tables.HISTORY);
    }
    Map<String, MergeMetrics> written = new LinkedHashMap<>();
    written.putAll(writePhase(times, first, write));
    written.putAll(writePhase(times, tablesOf(prepared, TableKind.ORDER_SCOPED), write));
    if (orders == null) {
      return written;
    }
    // The last phase is one table: the batch's own thread and session write it.
    written.put(
        OrderEventLatestTable.NAME,
        times.time(
            "write:" + OrderEventLatestTable.NAME,
            () ->
                latest.apply(
                    orders.latest(),
                    orders.range(),
                    locations.pathOf(OrderEventLatestTable.NAME),
                    txn,
                    orders.session(),
                    driver)));
    return written;
  }

  private interface TableWrite {
    MergeMetrics apply(TableDef table, SparkSession session);
  }

  private static List<TableDef> tablesOf(Map<TableDef, PreparedMerge> prepared, TableKind kind) {
    return prepared.keySet().stream().filter(t -> t.kind() == kind).toList();
  }

  private Map<String, MergeMetrics> writePhase(
      PhaseTimes times, List<TableDef> tables, TableWrite write) {
    List<Function<SparkSession, MergeMetrics>> tasks = new ArrayList<>();
    tables.forEach(
        def ->
            tasks.add(
                session -> times.time("write:" + def.name(), () -> write.apply(def, session))));
    List<MergeMetrics> results = pool.runAll(tasks);
    Map<String, MergeMetrics> written = new LinkedHashMap<>();
    for (int i = 0; i < tables.size(); i++) {
      written.put(tables.get(i).name(), results.get(i));
    }
    return written;
  }
}
