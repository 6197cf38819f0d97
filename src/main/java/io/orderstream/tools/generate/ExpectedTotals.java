package io.orderstream.tools.generate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Row counts the tables must hold once every event has been processed, whatever the arrival order
 * and batching. Order-scoped counts come from the winning events; dimension counts are distinct
 * keys over the winning events (the generator keeps an order's lines, customer, address and
 * promotions the same in all its events, so the older events add no other keys).
 */
public record ExpectedTotals(
    long orders,
    long orderItems,
    long customers,
    long deliveryAddresses,
    long items,
    long sellers,
    long shipments,
    long itemShipments,
    long promotions,
    long orderPromotions) {

  /** The same counts keyed by MODEL.md table name, in a fixed order. */
  public Map<String, Long> byTable() {
    Map<String, Long> tables = new LinkedHashMap<>();
    tables.put("order_event_latest", orders);
    tables.put("order_item", orderItems);
    tables.put("customer", customers);
    tables.put("delivery_address", deliveryAddresses);
    tables.put("item", items);
    tables.put("seller", sellers);
    tables.put("shipment", shipments);
    tables.put("item_shipment", itemShipments);
    tables.put("promotion", promotions);
    tables.put("order_promotion", orderPromotions);
    return tables;
  }
}
