package io.orderstream.model;

import io.orderstream.event.EventOrder;
import java.io.Serializable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

/**
 * The status periods of one order and its lines from all its distinct events, by the rules {@link
 * StatusHistory} states. Plain Java over one order's events: the batch runs it on the driver over
 * the few orders it touches, and {@code rebuild} runs the same code inside Spark over every order.
 */
public final class StatusPeriods {
  /** One line of an event: its {@code order_item} key, item, and status as {@code item_status}. */
  public record Line(String orderItemId, String itemId, String status) implements Serializable {}

  /** One event of an order, with what the histories need of it. */
  public record Event(
      String orderId,
      Timestamp updatedAt,
      Integer nanos,
      Long version,
      String eventHash,
      String source,
      String orderStatus,
      List<Line> lines)
      implements Serializable {
    EventOrder.Rank rank() {
      return new EventOrder.Rank(updatedAt, nanos, version, eventHash);
    }
  }

  /** The rows of both tables for the order, in the tables' columns. */
  public record Rows(List<Row> orders, List<Row> items) {}

  private static final Comparator<Event> BY_RANK = Comparator.comparing(Event::rank);

  private StatusPeriods() {}

  /**
   * @param events every distinct event of one order, in any order
   * @param storedWinnerAt the instant of the order's stored winner, or null: {@code
   *     order_updated_at} is never below it
   * @param batchId the micro-batch writing the rows, recorded as lineage
   */
  public static Rows of(List<Event> events, Timestamp storedWinnerAt, long batchId) {
    List<Event> instants = tieWinners(events);
    Timestamp newest = instants.get(instants.size() - 1).updatedAt();
    Timestamp orderUpdatedAt =
        storedWinnerAt != null && storedWinnerAt.after(newest) ? storedWinnerAt : newest;
    List<Row> orders = new ArrayList<>();
    List<Period> orderPeriods = periods(instants, e -> new State(true, e.orderStatus()));
    for (Period p : orderPeriods) {
      String orderId = p.start().orderId();
      orders.add(
          row(
              OrderStatusHistoryTable.DEFINITION,
              Map.of(
                  "id",
                  Keys.escapedText(orderId) + ":" + micros(p.start().updatedAt()),
                  "order_id",
                  orderId),
              p,
              orderUpdatedAt,
              batchId));
    }
    Map<String, String> lineItems = new LinkedHashMap<>();
    instants.forEach(
        e -> e.lines().forEach(l -> lineItems.putIfAbsent(l.orderItemId(), l.itemId())));
    List<Row> items = new ArrayList<>();
    for (Map.Entry<String, String> line : lineItems.entrySet()) {
      for (Period p : periods(instants, e -> stateOf(e, line.getKey()))) {
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("id", line.getKey() + ":" + micros(p.start().updatedAt()));
        own.put("order_item_id", line.getKey());
        own.put("order_id", p.start().orderId());
        own.put("item_id", line.getValue());
        items.add(row(OrderItemStatusHistoryTable.DEFINITION, own, p, orderUpdatedAt, batchId));
      }
    }
    return new Rows(orders, items);
  }

  /** The winner of each instant (to the microsecond), oldest instant first. */
  private static List<Event> tieWinners(List<Event> events) {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(BY_RANK);
    List<Event> winners = new ArrayList<>();
    for (Event e : sorted) {
      int last = winners.size() - 1;
      if (last >= 0 && winners.get(last).updatedAt().equals(e.updatedAt())) {
        winners.set(last, e); // sorted ascending: the later one ranks higher
      } else {
        winners.add(e);
      }
    }
    return winners;
  }

  private record State(boolean present, String status) {}

  private record Period(Event start, String status, Timestamp end) {}

  /** Maximal runs of the same present state; each ends where the state next changes. */
  private static List<Period> periods(
      List<Event> instants, java.util.function.Function<Event, State> stateAt) {
    List<Period> periods = new ArrayList<>();
    State previous = null;
    Event start = null;
    for (Event e : instants) {
      State state = stateAt.apply(e);
      if (previous != null && state.equals(previous)) {
        continue;
      }
      if (previous != null && previous.present()) {
        periods.add(new Period(start, previous.status(), e.updatedAt()));
      }
      previous = state;
      start = e;
    }
    if (previous != null && previous.present()) {
      periods.add(new Period(start, previous.status(), null));
    }
    return periods;
  }

  private static State stateOf(Event event, String orderItemId) {
    for (Line line : event.lines()) {
      if (line.orderItemId().equals(orderItemId)) {
        return new State(true, line.status());
      }
    }
    return new State(false, null);
  }

  private static Row row(
      TableDef table,
      Map<String, Object> own,
      Period period,
      Timestamp orderUpdatedAt,
      long batchId) {
    Event start = period.start();
    Map<String, Object> values = new LinkedHashMap<>(own);
    values.put(StatusHistoryColumns.STATUS, period.status());
    values.put(StatusHistoryColumns.VALID_FROM, start.updatedAt());
    values.put(StatusHistoryColumns.VALID_TO, period.end());
    values.put(StatusHistoryColumns.ORDER_UPDATED_AT, orderUpdatedAt);
    values.put(StatusHistoryColumns.SOURCE, start.source());
    values.put(Lineage.UPDATED_AT, start.updatedAt());
    values.put(Lineage.UPDATED_AT_NANOS, start.nanos());
    values.put(Lineage.VERSION, start.version());
    values.put(Lineage.EVENT_HASH, start.eventHash());
    values.put(Lineage.BATCH_ID, batchId);
    Object[] ordered = table.columnNames().stream().map(values::get).toArray();
    if (values.size() != ordered.length) {
      throw new IllegalStateException(table.name() + " has columns the history does not fill");
    }
    return new GenericRowWithSchema(ordered, table.schema());
  }

  /** Microseconds since 1970-01-01 UTC, as Spark's {@code unix_micros}. */
  static long micros(Timestamp t) {
    return Math.floorDiv(t.getTime(), 1000L) * 1_000_000L + t.getNanos() / 1000;
  }
}
