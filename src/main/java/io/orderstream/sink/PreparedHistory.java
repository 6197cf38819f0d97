package io.orderstream.sink;

import java.util.List;

/**
 * A batch's new events and recomputed status histories, on the driver, not yet written. Built by
 * {@link StarSchemaSink#prepareHistory}; only {@link StarSchemaSink#write} reads it.
 */
public final class PreparedHistory {
  private final PreparedMerge events;
  private final PreparedMerge orderPeriods;
  private final PreparedMerge itemPeriods;
  private final List<Object> orders;
  private final TouchedRange range;

  PreparedHistory(
      PreparedMerge events,
      PreparedMerge orderPeriods,
      PreparedMerge itemPeriods,
      List<Object> orders,
      TouchedRange range) {
    this.events = events;
    this.orderPeriods = orderPeriods;
    this.itemPeriods = itemPeriods;
    this.orders = orders;
    this.range = range;
  }

  /** How many orders' histories are recomputed. */
  public int orders() {
    return orders.size();
  }

  /** How many events are new to the log. */
  public int newEvents() {
    return events.rows().size();
  }

  PreparedMerge events() {
    return events;
  }

  PreparedMerge orderPeriods() {
    return orderPeriods;
  }

  PreparedMerge itemPeriods() {
    return itemPeriods;
  }

  List<Object> orderIds() {
    return orders;
  }

  TouchedRange range() {
    return range;
  }
}
