package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.kernel.expressions.AlwaysFalse;
import io.delta.kernel.expressions.Predicate;
import io.orderstream.model.CollectedTables;
import io.orderstream.store.KernelFilters;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The span of event times ({@code dat_atui}) that the stored rows of a batch's changed orders can
 * carry, so a write reads and rewrites only the files whose rows fall in it.
 *
 * <p>Every row of an order-scoped table, and the order's row in {@code order_event_latest}, was
 * written from the order's last stored winning event and carries its {@code dat_atui} as lineage.
 * The span covers the stored winners and this batch's winners (after a crash part of the batch may
 * already be written with the new event's lineage). Files are written batch by batch, so their
 * per-file min/max statistics on that column are narrow, and Delta's data skipping drops every file
 * outside the span: a batch that touches recent orders reads recent files only, whatever the
 * history holds. A late event for an old order widens the span, which costs time, never rows.
 */
record TouchedRange(Timestamp from, Timestamp to) {

  /**
   * @param orders the batch's changed orders; not empty
   */
  static TouchedRange of(List<CollectedTables.ChangedOrder> orders) {
    Timestamp from = null;
    Timestamp to = null;
    for (CollectedTables.ChangedOrder order : orders) {
      for (Timestamp t : new Timestamp[] {order.updatedAt(), order.storedUpdatedAt()}) {
        if (t != null) {
          from = from == null || t.before(from) ? t : from;
          to = to == null || t.after(to) ? t : to;
        }
      }
    }
    return new TouchedRange(from, to);
  }

  /**
   * A predicate on the target's lineage column, for data skipping; a MERGE may AND it to its
   * condition.
   */
  Column covers(String column) {
    return col(column).between(lit(from), lit(to));
  }

  /** Whether a stored row's lineage instant falls in the span, as {@link #covers} decides. */
  boolean contains(Timestamp t) {
    return from != null && t != null && !t.before(from) && !t.after(to);
  }

  /**
   * The same span as a Delta Kernel filter, for the driver's copy-on-write ({@link DriverWrite}).
   */
  Predicate kernelFilter(String column) {
    if (from == null) {
      return AlwaysFalse.ALWAYS_FALSE;
    }
    return KernelFilters.between(column, from, to);
  }
}
