package io.orderstream.tools.generate;

import java.time.Instant;

/**
 * The state an order must end in: its winning event and what the order-scoped tables hold for it.
 *
 * @param version the winning event's {@code num_ulti_vers_sist}; null if it has none
 * @param status the winning event's {@code stat_pedi}
 * @param lines order_item rows ({@code list_item_pedi} entries)
 * @param shipments shipment rows ({@code list_envo} entries)
 * @param itemShipments item_shipment rows ({@code list_envo[].list_item_envo} entries)
 * @param promotions order_promotion rows ({@code list_prmo} entries; 0 when absent)
 * @param json the winning event's JSON text (what order_event_latest keeps)
 */
public record ExpectedOrder(
    String orderId,
    Instant datAtui,
    Long version,
    String status,
    int lines,
    int shipments,
    int itemShipments,
    int promotions,
    String json) {}
