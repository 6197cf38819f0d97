package io.orderstream.tools.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A JWT-looking {@code cod_aces_tokn}: a real RS256 header, a payload summarising the fabricated
 * order, and random bytes where the signature would be. It verifies against nothing.
 */
final class FakeToken {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";

  private FakeToken() {}

  static String of(Rng rng, OrderPlan order) {
    ObjectNode payload = EventJson.MAPPER.createObjectNode();
    ObjectNode summary = payload.putObject("summary");
    summary.put("total", Money.toDouble(order.itemsTotalCents()));
    summary.put("totalShippingCost", Money.toDouble(order.shippingCents()));
    summary.put("finalPrice", Money.toDouble(order.finalCents()));
    ObjectNode customer = payload.putObject("customer");
    customer.put("name", order.customer().name());
    customer.put("email", order.customer().email());
    var items = payload.putArray("items");
    order
        .lines()
        .forEach(
            l ->
                items.addObject().put("skuId", l.product().itemId()).put("quantity", l.quantity()));
    payload.put("createdAt", Timestamps.format(order.createdAt()));
    payload.put("_id", order.orderId().substring(0, 13));
    payload.put("iat", order.createdAt().getEpochSecond());
    return encode(HEADER)
        + "."
        + encode(EventJson.compact(payload))
        + "."
        + B64.encodeToString(rng.bytes(256));
  }

  private static String encode(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
