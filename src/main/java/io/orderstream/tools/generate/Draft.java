package io.orderstream.tools.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A generated event before it has its text and file name. {@code last} marks the order's winning
 * event.
 */
record Draft(
    String orderId, Instant datAtui, Long version, String status, ObjectNode event, boolean last) {

  static Draft of(OrderPlan order, Step step, ObjectNode event) {
    boolean last = step == order.steps().get(order.steps().size() - 1);
    return new Draft(
        order.orderId(), step.datAtui(), step.version(), step.status().json(), event, last);
  }
}
