package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.PersonalDataMask;
import io.orderstream.model.QuarantineTable;
import io.orderstream.model.TableDef;
import io.orderstream.model.TableDerivation;
import io.orderstream.model.TableKind;
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
   */
  public Map<String, MergeMetrics> writeOrders(Winners winners, BatchTransaction txn) {
    return write(prepare(winners, txn), txn, new PhaseTimes());
  }

  /**
   * Derives every table's rows for the changed orders ({@link TableDerivation}) and brings them to
   * the driver, writing nothing: a failure caused by the events' values surfaces here, before any
   * table changes.
   */
  public PreparedOrders prepare(Winners winners, BatchTransaction txn) {
    List<Row> keys =
        winners
            .rows()
            .select(col(Winners.ORDER_ID), col(Winners.UPDATED_AT), col(Winners.STORED_UPDATED_AT))
            .collectAsList();
    List<Object> changedOrders = keys.stream().map(r -> r.get(0)).toList();
    Map<TableDef, PreparedMerge> prepared =
        new LinkedHashMap<>(
            TableDerivation.derive(winners, txn.batchId(), personalData, this::prepare));
    PreparedMerge latestRows = prepared.remove(OrderEventLatestTable.DEFINITION);
    return new PreparedOrders(
        prepared, latestRows, changedOrders, TouchedRange.of(keys), winners.rows().sparkSession());
  }

  /** Brings one table's derived rows to the driver, as its writer needs them. */
  private PreparedMerge prepare(TableDef table, Dataset<Row> rows) {
    return switch (table.kind()) {
      case DIMENSION -> dimensions.prepare(table, rows);
      case ORDER_SCOPED -> orderScoped.prepare(table, rows);
      case LATEST_EVENT -> latest.prepare(rows);
      default -> throw new IllegalArgumentException(table.name() + " is not derived from events");
    };
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
