package io.orderstream.pipeline;

import static org.apache.spark.sql.functions.col;

import io.orderstream.model.Winners;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the changed orders whose derivation fails by itself, by bisection: the derivation of the
 * batch's changed orders failed; derive each half again, and split again only the halves that fail,
 * down to single orders. With one culprit among n orders that costs about 2 log2(n) derivations,
 * none of which writes anything.
 *
 * <p>Orders are split in order-id order, so a replayed batch tries the same halves and finds the
 * same culprits. An order fails alone or not at all, whatever else is derived beside it (every
 * derived row comes from one order's event), so the result does not depend on the split either. A
 * failure of a half that is not a data error (see {@link FailureCause}) ends the search by
 * propagating: the environment failed meanwhile, and the batch must fail loudly.
 */
final class CulpritSearch {
  private static final Logger LOG = LoggerFactory.getLogger(CulpritSearch.class);

  /** One winning event that cannot be processed, and the one-line error it causes. */
  record Culprit(String orderId, String eventHash, String detail) {}

  private final Consumer<Winners> derivation;
  private int attempts;

  /**
   * @param derivation derives (and discards) the rows of the given changed orders; throws as the
   *     write would
   */
  CulpritSearch(Consumer<Winners> derivation) {
    this.derivation = derivation;
  }

  /**
   * @param winners the changed orders whose derivation failed
   * @param failure how the derivation of all of them failed
   * @return the culprits, in order-id order; empty when no order fails alone
   */
  List<Culprit> find(Winners winners, RuntimeException failure) {
    List<Row> orders =
        winners
            .rows()
            .select(col(Winners.ORDER_ID), col(Winners.EVENT_HASH))
            .orderBy(col(Winners.ORDER_ID))
            .collectAsList();
    List<Culprit> culprits =
        orders.size() == 1 ? List.of(culprit(orders.get(0), failure)) : split(winners, orders);
    LOG.debug(
        "{} culprit(s) among {} changed orders after {} derivations",
        culprits.size(),
        orders.size(),
        attempts);
    return culprits;
  }

  private List<Culprit> split(Winners winners, List<Row> orders) {
    int middle = orders.size() / 2;
    List<Culprit> found = new ArrayList<>(search(winners, orders.subList(0, middle)));
    found.addAll(search(winners, orders.subList(middle, orders.size())));
    return found;
  }

  private List<Culprit> search(Winners winners, List<Row> orders) {
    Optional<RuntimeException> failure = attempt(winners, orders);
    if (failure.isEmpty()) {
      return List.of();
    }
    return orders.size() == 1
        ? List.of(culprit(orders.get(0), failure.get()))
        : split(winners, orders);
  }

  /** Derives the given orders' rows; empty when that works, the data error when it does not. */
  private Optional<RuntimeException> attempt(Winners winners, List<Row> orders) {
    attempts++;
    Object[] ids = orders.stream().map(r -> r.get(0)).toArray();
    try {
      derivation.accept(winners.ofOrders(ids));
      return Optional.empty();
    } catch (RuntimeException e) {
      if (!FailureCause.mayBeInput(e)) {
        throw e;
      }
      return Optional.of(e);
    }
  }

  private static Culprit culprit(Row order, RuntimeException failure) {
    return new Culprit(order.getString(0), order.getString(1), FailureCause.oneLine(failure));
  }
}
