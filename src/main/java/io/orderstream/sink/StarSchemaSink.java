package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.orderstream.model.DerivedTable;
import io.orderstream.model.OrderContext;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.PersonalDataMask;
import io.orderstream.model.QuarantineTable;
import io.orderstream.model.TableDef;
import io.orderstream.model.TableKind;
import io.orderstream.model.Tables;
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
 * of a phase side by side: dimensions; order-scoped tables; {@code order_event_latest}. Dimensions
 * first means a fact row's new foreign keys exist before it does. The latest events last means a
 * crash before them leaves them unchanged, so the replayed batch finds the same orders changed and
 * rewrites the same rows.
 */
public final class StarSchemaSink {
  private final TableLocations locations;
  private final SessionPool pool;
  private final PersonalDataMask personalData;
  private final DriverWrite driver;
  private final DimensionWriter dimensions = new DimensionWriter();
  private final OrderScopedWriter orderScoped = new OrderScopedWriter();
  private final LatestEventWriter latest = new LatestEventWriter();

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
   * Writes the rows of the changed orders' winning events to every derived table, then the events.
   *
   * @param winners one row per changed order: order_id, updated_at, version, event_hash, raw,
   *     source, stored_updated_at and the parsed event {@code e}
   * @return changed rows per table
   */
  public Map<String, MergeMetrics> writeOrders(Dataset<Row> winners, BatchTransaction txn) {
    return write(prepare(winners, txn), txn, new PhaseTimes());
  }

  /**
   * Derives every table's rows for the changed orders and brings them to the driver, writing
   * nothing: a failure caused by the events' values surfaces here, before any table changes.
   */
  public PreparedOrders prepare(Dataset<Row> winners, BatchTransaction txn) {
    List<Row> keys =
        winners
            .select(col("order_id"), col("updated_at"), col("stored_updated_at"))
            .collectAsList();
    List<Object> changedOrders = keys.stream().map(r -> r.get(0)).toList();
    OrderContext context = new OrderContext(winners, txn.batchId(), personalData);
    Map<TableDef, PreparedMerge> prepared = new LinkedHashMap<>();
    try {
      for (DerivedTable table : Tables.DERIVED) {
        TableDef def = table.definition();
        Dataset<Row> rows = table.rows(context);
        prepared.put(
            def,
            def.kind() == TableKind.DIMENSION
                ? dimensions.prepare(def, rows)
                : orderScoped.prepare(def, rows));
      }
    } finally {
      context.release();
    }
    PreparedMerge latestRows = latest.prepare(OrderEventLatestTable.rows(winners, txn.batchId()));
    return new PreparedOrders(
        prepared, latestRows, changedOrders, TouchedRange.of(keys), winners.sparkSession());
  }

  /**
   * Writes prepared rows: dimensions, then order-scoped tables, then the winning events; each
   * table's time goes to {@code times} as {@code write:<table>}.
   */
  public Map<String, MergeMetrics> write(
      PreparedOrders orders, BatchTransaction txn, PhaseTimes times) {
    Map<TableDef, PreparedMerge> prepared = orders.tables();
    Map<String, MergeMetrics> written = new LinkedHashMap<>();
    written.putAll(
        writePhase(
            prepared,
            times,
            TableKind.DIMENSION,
            (def, session) ->
                dimensions.apply(
                    def, prepared.get(def), locations.pathOf(def.name()), txn, session, driver)));
    written.putAll(
        writePhase(
            prepared,
            times,
            TableKind.ORDER_SCOPED,
            (def, session) ->
                orderScoped.apply(
                    def,
                    prepared.get(def),
                    orders.changedOrders(),
                    orders.range(),
                    locations.pathOf(def.name()),
                    txn,
                    session,
                    driver)));
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

  private Map<String, MergeMetrics> writePhase(
      Map<TableDef, PreparedMerge> prepared, PhaseTimes times, TableKind kind, TableWrite write) {
    List<TableDef> tables = prepared.keySet().stream().filter(t -> t.kind() == kind).toList();
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
