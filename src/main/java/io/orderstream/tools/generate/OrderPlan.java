package io.orderstream.tools.generate;

import java.time.Instant;
import java.util.List;

/**
 * Everything about one generated order: the facts that stay the same in all its events, and its
 * lifecycle ({@link #steps()}, in the order they happened).
 *
 * @param detailed the order comes from the newer feed: sub-statuses, per-item financial fields and
 *     {@code list_prmo} are present (as in the sample event with a promotion)
 * @param token {@code cod_aces_tokn}, sent by every event that has a version
 */
record OrderPlan(
    String orderId,
    Instant createdAt,
    Customer customer,
    Address address,
    List<OrderLine> lines,
    List<AppliedPromotion> promotions,
    boolean detailed,
    String token,
    List<Step> steps) {

  OrderPlan {
    lines = List.copyOf(lines);
    promotions = List.copyOf(promotions);
    steps = List.copyOf(steps);
  }

  long itemsTotalCents() {
    return lines.stream().mapToLong(OrderLine::totalCents).sum();
  }

  long shippingCents() {
    return lines.stream().mapToLong(OrderLine::shippingCents).sum();
  }

  long shippingDiscountCents() {
    return lines.stream().mapToLong(OrderLine::shippingDiscountCents).sum();
  }

  long promotionCents() {
    return promotions.stream().mapToLong(AppliedPromotion::appliedCents).sum();
  }

  long offerDiscountCents() {
    return lines.stream().mapToLong(OrderLine::offerDiscountCents).sum();
  }

  /** {@code vlr_fina_pedi}. */
  long finalCents() {
    return itemsTotalCents()
        + shippingCents()
        - shippingDiscountCents()
        - promotionCents()
        - offerDiscountCents();
  }
}
