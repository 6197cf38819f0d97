package io.orderstream.store;

import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import java.sql.Timestamp;

/**
 * Delta Kernel filters on an instant column, for data skipping: a scan given one lists only the
 * files whose statistics say they may hold a matching row.
 */
public final class KernelFilters {
  private KernelFilters() {}

  /** {@code column} within [{@code from}, {@code to}], both included. */
  public static Predicate between(String column, Timestamp from, Timestamp to) {
    return new And(new Predicate(">=", new Column(column), instant(from)), atMost(column, to));
  }

  /** {@code column} at or before {@code to}. */
  public static Predicate atMost(String column, Timestamp to) {
    return new Predicate("<=", new Column(column), instant(to));
  }

  private static Literal instant(Timestamp t) {
    return Literal.ofTimestamp((Long) KernelValues.toKernel(t));
  }
}
