package io.orderstream.model;

/** How a table is maintained, which decides how the sink writes it. */
public enum TableKind {
  /**
   * Shared entities (customer, item, ...): upserted, the latest winning event's values win, never
   * deleted.
   */
  DIMENSION,
  /** Rows that belong to one order: replaced by exactly what the order's winning event says. */
  ORDER_SCOPED,
  /** One row per order holding its winning event. */
  LATEST_EVENT,
  /** Every distinct event, stored once; appended, never changed. */
  EVENT_LOG,
  /**
   * One row per status period of an order (or order line): an order's rows are recomputed from all
   * its stored events whenever it gets a new one.
   */
  STATUS_HISTORY,
  /** Append-only record of unusable input. */
  QUARANTINE,
  /** Append-only record of the pipeline's own batches (operations; in no manifest). */
  BATCH_LOG
}
