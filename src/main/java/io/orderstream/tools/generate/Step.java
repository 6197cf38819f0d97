package io.orderstream.tools.generate;

import java.time.Instant;
import java.util.List;

/**
 * One event of an order's lifecycle, before it is turned into JSON.
 *
 * @param paymentStatus {@code stat_pgto}
 * @param version {@code num_ulti_vers_sist}; null when the event has none
 * @param shipments {@code list_envo}, in the order the shipments were billed
 */
record Step(
    OrderStatus status,
    String paymentStatus,
    Instant datAtui,
    Long version,
    List<ShipmentState> shipments) {

  Step {
    shipments = List.copyOf(shipments);
  }
}
