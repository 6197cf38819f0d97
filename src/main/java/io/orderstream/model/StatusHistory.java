package io.orderstream.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.orderstream.event.EventDecoder;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The status periods of orders and order lines, from all of each order's distinct events: what
 * {@code order_status_history} and {@code order_item_status_history} hold.
 *
 * <p>The rules, in event time ({@code dat_atui}, to the microsecond), so that no arrival order or
 * batching changes the result:
 *
 * <ul>
 *   <li>Events at the same instant are a tie: only the tie's winner (the event that ranks highest
 *       by the winning-event rule, {@code event.EventOrder}) says what holds from that instant, so
 *       no period of zero length exists.
 *   <li>Consecutive instants with the same status make one period, which starts at the first of
 *       them and carries that event's lineage.
 *   <li>A period ends at the next instant with another status; a line ends also at the first
 *       instant whose event no longer has it, and starts a new period if a later event brings it
 *       back. The last period of whatever still exists has no end.
 * </ul>
 *
 * The newest instant's tie winner is the order's winning event, so the current period's status is
 * always {@code order_item.order_status} (or {@code item_status}).
 */
public final class StatusHistory {
  /** Events a slice holds at least, so that a small batch is decoded on the calling thread. */
  private static final int EVENTS_PER_SLICE = 2_000;

  public static final String ORDER_UPDATED_AT = StatusHistoryColumns.ORDER_UPDATED_AT;

  /**
   * Time spent in each status by the lines of {@code %s} (a status-history table), in hours, the
   * current period counted up to now: the example the table reference gives, run by the tests.
   */
  public static final String TIME_PER_STATUS_SQL =
      """
      SELECT status,
             count(*) AS periods,
             avg((unix_timestamp(coalesce(valid_to, current_timestamp())) - unix_timestamp(valid_from)) / 3600) AS avg_hours
      FROM %s
      GROUP BY status
      ORDER BY avg_hours DESC""";

  /** Tells the two kinds of {@link #eventStatuses} rows apart. */
  private static final String IS_LINE = "is_line";

  private StatusHistory() {}

  /**
   * Hands {@code take} the statuses of every event, as two kinds of rows told apart by {@code
   * is_line}: one per event ({@code order_id}, {@code event_hash}, {@code updated_at}, {@code
   * updated_at_nanos}, {@code version}, {@code source}, {@code stored_updated_at}, {@code
   * order_status}) and one per order line of each event, as {@code order_item} derives them ({@code
   * order_id}, {@code event_hash}, {@code order_item_id}, {@code item_id}, {@code status}), the
   * other columns null. A union, not a join: it is one Spark job without a shuffle, which a batch
   * of a few events feels. What the lines are computed from is cached meanwhile and freed when
   * {@code take} returns, so {@code take} must be done with the rows (collected or written) by
   * then.
   *
   * @param events every distinct event of each order concerned, one row per event (the {@link
   *     Winners} columns); {@link Winners#STORED_UPDATED_AT} is the instant of the order's stored
   *     winner, or null: {@code order_updated_at} is never below it, so the rows of an order stay
   *     where its {@code order_event_latest} row says, even when events stored before the event log
   *     existed are missing from it
   */
  public static <T> T eventStatuses(Winners events, Function<Dataset<Row>, T> take) {
    OrderContext context = new OrderContext(events, 0, PersonalDataMask.KEEP);
    try {
      Column noText = lit(null).cast(DataTypes.StringType);
      Dataset<Row> eventRows =
          events
              .rows()
              .select(
                  lit(false).as(IS_LINE),
                  col(Winners.ORDER_ID).as("order_id"),
                  col(Winners.EVENT_HASH).as("event_hash"),
                  col(Winners.UPDATED_AT).as("updated_at"),
                  col(Winners.UPDATED_AT_NANOS).as("updated_at_nanos"),
                  col(Winners.VERSION).as("version"),
                  col(Winners.SOURCE).as("source"),
                  col(Winners.STORED_UPDATED_AT).as("stored_updated_at"),
                  col(Winners.EVENT + ".stat_pedi").as("order_status"),
                  noText.as("order_item_id"),
                  noText.as("item_id"),
                  noText.as("status"));
      Dataset<Row> lineRows =
          new OrderItemTable()
              .rows(context)
              .select(
                  lit(true).as(IS_LINE),
                  col("order_id"),
                  col(Lineage.EVENT_HASH).as("event_hash"),
                  lit(null).cast(DataTypes.TimestampType).as("updated_at"),
                  lit(null)
                      .cast(eventRows.schema().apply("updated_at_nanos").dataType())
                      .as("updated_at_nanos"),
                  lit(null).cast(eventRows.schema().apply("version").dataType()).as("version"),
                  noText.as("source"),
                  lit(null).cast(DataTypes.TimestampType).as("stored_updated_at"),
                  noText.as("order_status"),
                  col("id").as("order_item_id"),
                  col("item_id"),
                  col("item_status").as("status"));
      return take.apply(eventRows.unionByName(lineRows));
    } finally {
      context.release();
    }
  }

  /**
   * Both tables' rows from {@link #eventStatuses} rows brought to the driver: what a batch does for
   * the few orders it touches.
   */
  public static StatusPeriods.Rows onDriver(List<Row> eventStatuses, long batchId) {
    Map<String, List<Row>> byOrder = new LinkedHashMap<>();
    eventStatuses.forEach(
        r -> byOrder.computeIfAbsent(r.getAs("order_id"), k -> new ArrayList<>()).add(r));
    return eachOrder(byOrder, (order, rows) -> ofOneOrder(rows.iterator(), batchId));
  }

  /**
   * Both tables' rows for a few orders, computed on the driver from their {@code order_event} rows
   * ({@link EventStatuses}): what a small batch does, without a Spark job.
   *
   * @param logged every distinct event of each order concerned, once each
   * @param storedWinnerAt each order's stored winner's instant, or null (see {@link
   *     #eventStatuses})
   */
  public static StatusPeriods.Rows fromEventLog(
      List<Row> logged, Function<String, Timestamp> storedWinnerAt, long batchId) {
    Map<String, List<StatusPeriods.Event>> byOrder = new LinkedHashMap<>();
    for (List<StatusPeriods.Event> slice : decodedInSlices(logged)) {
      slice.forEach(e -> byOrder.computeIfAbsent(e.orderId(), k -> new ArrayList<>()).add(e));
    }
    return eachOrder(
        byOrder, (order, events) -> StatusPeriods.of(events, storedWinnerAt.apply(order), batchId));
  }

  /**
   * Each event's statuses, decoded from its JSON in consecutive slices side by side (one decoder
   * each: a decoder is not shared between threads), the slices in the events' order. Decoding is
   * the step's whole cost; a backlog's batch holds tens of thousands of events.
   */
  private static List<List<StatusPeriods.Event>> decodedInSlices(List<Row> logged) {
    int slices =
        Math.max(
            1,
            Math.min(Runtime.getRuntime().availableProcessors(), logged.size() / EVENTS_PER_SLICE));
    int size = (logged.size() + slices - 1) / slices;
    return java.util.stream.IntStream.range(0, slices)
        .parallel()
        .mapToObj(
            s -> {
              EventDecoder decoder = new EventDecoder();
              List<StatusPeriods.Event> events = new ArrayList<>();
              for (Row row :
                  logged.subList(
                      Math.min(logged.size(), s * size), Math.min(logged.size(), (s + 1) * size))) {
                EventStatuses.ofLogged(row, decoder).ifPresent(events::add);
              }
              return events;
            })
        .toList();
  }

  /** Both tables' rows of every order, each order's computed by {@code periods}, in order. */
  private static <T> StatusPeriods.Rows eachOrder(
      Map<String, T> byOrder, BiFunction<String, T, StatusPeriods.Rows> periods) {
    List<Row> orders = new ArrayList<>();
    List<Row> items = new ArrayList<>();
    byOrder.forEach(
        (order, of) -> {
          StatusPeriods.Rows rows = periods.apply(order, of);
          orders.addAll(rows.orders());
          items.addAll(rows.items());
        });
    return new StatusPeriods.Rows(orders, items);
  }

  /**
   * Both tables' rows computed inside Spark, order by order: what {@code rebuild} does. {@code
   * take} must be done with them (written) when it returns.
   */
  public static <T> T derive(Winners events, long batchId, Function<Periods, T> take) {
    return eventStatuses(
        events,
        statuses ->
            take.apply(
                new Periods(
                    inSpark(statuses, batchId, OrderStatusHistoryTable.DEFINITION, true),
                    inSpark(statuses, batchId, OrderItemStatusHistoryTable.DEFINITION, false))));
  }

  /** Both tables' rows for the same orders. */
  public record Periods(Dataset<Row> orders, Dataset<Row> items) {}

  private static Dataset<Row> inSpark(
      Dataset<Row> statuses, long batchId, TableDef table, boolean orderRows) {
    FlatMapGroupsFunction<String, Row, Row> periods =
        (order, rows) -> {
          StatusPeriods.Rows all = ofOneOrder(rows, batchId);
          return (orderRows ? all.orders() : all.items()).iterator();
        };
    return statuses
        .groupByKey(
            (org.apache.spark.api.java.function.MapFunction<Row, String>) r -> r.getAs("order_id"),
            Encoders.STRING())
        .flatMapGroups(periods, Encoders.row(table.schema()));
  }

  private static StatusPeriods.Rows ofOneOrder(java.util.Iterator<Row> rows, long batchId) {
    Map<String, Row> eventRows = new LinkedHashMap<>();
    Map<String, List<StatusPeriods.Line>> lines = new HashMap<>();
    Timestamp stored = null;
    while (rows.hasNext()) {
      Row r = rows.next();
      String hash = r.getAs("event_hash");
      if (r.<Boolean>getAs(IS_LINE)) {
        lines
            .computeIfAbsent(hash, h -> new ArrayList<>())
            .add(
                new StatusPeriods.Line(
                    r.getAs("order_item_id"), r.getAs("item_id"), r.getAs("status")));
        continue;
      }
      eventRows.put(hash, r);
      if (r.getAs("stored_updated_at") != null) {
        stored = r.getAs("stored_updated_at");
      }
    }
    List<StatusPeriods.Event> events = new ArrayList<>();
    for (Row r : eventRows.values()) {
      events.add(
          new StatusPeriods.Event(
              r.getAs("order_id"),
              r.getAs("updated_at"),
              r.getAs("updated_at_nanos"),
              r.getAs("version"),
              r.getAs("event_hash"),
              r.getAs("source"),
              r.getAs("order_status"),
              lines.getOrDefault(r.<String>getAs("event_hash"), List.of())));
    }
    return StatusPeriods.of(events, stored, batchId);
  }
}
