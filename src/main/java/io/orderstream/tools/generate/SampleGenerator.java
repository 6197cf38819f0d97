package io.orderstream.tools.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Generates synthetic order events: realistic lifecycles in the exact shape of the real feed,
 * fabricated people and a shared catalogue, deterministic for a {@link GeneratorSpec}.
 *
 * <p>What a caller can rely on, for every spec:
 *
 * <ul>
 *   <li>same spec, same events: byte-identical JSON, same file names, same list order;
 *   <li>the list is in arrival (write) order: chronological, except late events (placed after their
 *       order's winning event) and duplicates (exact copies placed after the original);
 *   <li>within an order, {@code dat_atui} never decreases and versions strictly increase along the
 *       lifecycle; only a PRE-ORDER may lack a version; equal {@code dat_atui} have different
 *       versions;
 *   <li>each order has exactly one winning event ({@link ExpectedState} finds it), its last status;
 *   <li>lines, customer, address and promotions of an order are the same in all its events;
 *       shipments only get added (one per seller, stable {@code cod_tipo_entg}) and move forward.
 * </ul>
 */
public final class SampleGenerator {
  private SampleGenerator() {}

  public static List<GeneratedEvent> generate(GeneratorSpec spec) {
    Rng root = new Rng(spec.seed());
    Catalogue catalogue = Catalogue.standard();
    List<OrderPlan> orders = plan(root, catalogue, spec);
    EventBuilder builder = new EventBuilder(catalogue.storeId());
    List<Draft> drafts = new ArrayList<>();
    for (OrderPlan order : orders) {
      order.steps().forEach(step -> drafts.add(Draft.of(order, step, builder.event(order, step))));
    }
    List<Draft> arrived =
        Arrivals.arrange(
            root.fork("arrivals", 0), drafts, spec.duplicateFraction(), spec.lateFraction());
    return FileNames.assign(
        root.fork("file-names", 0), arrived, spec.format(), spec.eventsPerFile());
  }

  /**
   * Only each order's winning event, in chronological order, with no duplicates or late events: the
   * state a store would hold after the whole lifecycle, for loading a large history quickly. Builds
   * one event per order instead of all, so it needs a sixth of the memory and time of {@link
   * #generate}; the orders are the same as there.
   */
  public static List<GeneratedEvent> latestOnly(GeneratorSpec spec) {
    Rng root = new Rng(spec.seed());
    Catalogue catalogue = Catalogue.standard();
    EventBuilder builder = new EventBuilder(catalogue.storeId());
    List<Draft> drafts = new ArrayList<>(spec.orders());
    for (OrderPlan order : plan(root, catalogue, spec)) {
      Step last = order.steps().get(order.steps().size() - 1);
      drafts.add(Draft.of(order, last, builder.event(order, last)));
    }
    List<Draft> arrived = Arrivals.arrange(root.fork("arrivals", 0), drafts, 0.0, 0.0);
    return FileNames.assign(
        root.fork("file-names", 0), arrived, spec.format(), spec.eventsPerFile());
  }

  /**
   * One plan per order, each from its own random stream, so order {@code i} depends only on the
   * seed and {@code i}: generating more orders leaves the first ones unchanged. About one order in
   * four reuses the customer of an earlier order.
   */
  static List<OrderPlan> plan(Rng root, Catalogue catalogue, GeneratorSpec spec) {
    People people = new People();
    List<Customer> customerOf = new ArrayList<>(spec.orders());
    List<OrderPlan> orders = new ArrayList<>(spec.orders());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < spec.orders(); i++) {
      Rng pick = root.fork("customer-of", i);
      Customer customer =
          i > 0 && pick.chance(0.25)
              ? customerOf.get(pick.between(0, i - 1))
              : people.customer(root.fork("customer", i));
      customerOf.add(customer);
      OrderPlan order = OrderPlanner.plan(root.fork("order", i), catalogue, customer, spec.start());
      if (!ids.add(order.orderId())) {
        throw new IllegalStateException(
            "Generated order id " + order.orderId() + " twice; use another seed");
      }
      orders.add(order);
    }
    return orders;
  }
}
