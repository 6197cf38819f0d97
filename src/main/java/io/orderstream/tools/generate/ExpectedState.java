package io.orderstream.tools.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state the pipeline must reach for a set of events, worked out independently of it (a test
 * oracle): per order the winning event, the greatest by {@link GeneratedEvent#recency()}, and the
 * rows it implies (MODEL.md sections 2-4).
 *
 * <p>Two different events of one order with the same {@code dat_atui} and version make the winner
 * ambiguous; that is rejected, since no correct answer exists. Exact duplicates are fine.
 */
public final class ExpectedState {
  private final Map<String, ExpectedOrder> orders;
  private final ExpectedTotals totals;

  private ExpectedState(Map<String, ExpectedOrder> orders, ExpectedTotals totals) {
    this.orders = orders;
    this.totals = totals;
  }

  public static ExpectedState of(Collection<GeneratedEvent> events) {
    Map<String, GeneratedEvent> winners = winners(events);
    Map<String, ExpectedOrder> orders = new TreeMap<>();
    Map<String, JsonNode> parsed = new LinkedHashMap<>();
    winners.forEach(
        (id, event) -> {
          JsonNode node = parse(event);
          parsed.put(id, node);
          orders.put(id, order(event, node));
        });
    return new ExpectedState(orders, totals(orders, parsed.values()));
  }

  /** Every order's expected state, by order id (sorted). */
  public Map<String, ExpectedOrder> orders() {
    return orders;
  }

  public ExpectedOrder order(String orderId) {
    ExpectedOrder order = orders.get(orderId);
    if (order == null) {
      throw new IllegalArgumentException("No events for order " + orderId);
    }
    return order;
  }

  public ExpectedTotals totals() {
    return totals;
  }

  private static Map<String, GeneratedEvent> winners(Collection<GeneratedEvent> events) {
    Map<String, GeneratedEvent> winners = new TreeMap<>();
    for (GeneratedEvent e : events) {
      winners.merge(e.orderId(), e, ExpectedState::later);
    }
    return winners;
  }

  private static GeneratedEvent later(GeneratedEvent a, GeneratedEvent b) {
    int cmp = GeneratedEvent.recency().compare(a, b);
    if (cmp == 0 && !parse(a).equals(parse(b))) {
      throw new IllegalStateException(
          "Order "
              + a.orderId()
              + " has two different events with dat_atui "
              + a.datAtui()
              + " and version "
              + a.version()
              + " ("
              + a.fileName()
              + ", "
              + b.fileName()
              + "): no event wins");
    }
    return cmp >= 0 ? a : b;
  }

  private static ExpectedOrder order(GeneratedEvent winner, JsonNode event) {
    int itemShipments = 0;
    for (JsonNode shipment : event.path("list_envo")) {
      itemShipments += shipment.path("list_item_envo").size();
    }
    return new ExpectedOrder(
        winner.orderId(),
        winner.datAtui(),
        winner.version(),
        winner.status(),
        event.path("list_item_pedi").size(),
        event.path("list_envo").size(),
        itemShipments,
        event.path("list_prmo").size(),
        winner.json());
  }

  private static ExpectedTotals totals(
      Map<String, ExpectedOrder> orders, Collection<JsonNode> winners) {
    Set<String> customers = new HashSet<>();
    Set<List<String>> addresses = new HashSet<>();
    Set<String> items = new HashSet<>();
    Set<String> sellers = new HashSet<>();
    Set<String> promotions = new HashSet<>();
    for (JsonNode e : winners) {
      customers.add(e.path("objt_clie").path("cod_rfrc_clie").asText());
      addresses.add(values(e.path("objt_ende_entg_pedi")));
      e.path("list_item_pedi")
          .forEach(
              l -> {
                items.add(l.path("cod_vrne_prod").asText());
                sellers.add(l.path("idt_venr").asText());
              });
      e.path("list_envo").forEach(s -> sellers.add(s.path("cod_venr").asText()));
      e.path("list_prmo").forEach(p -> promotions.add(p.path("cod_prmo").asText()));
    }
    Collection<ExpectedOrder> all = orders.values();
    return new ExpectedTotals(
        all.size(),
        all.stream().mapToLong(ExpectedOrder::lines).sum(),
        customers.size(),
        addresses.size(),
        items.size(),
        sellers.size(),
        all.stream().mapToLong(ExpectedOrder::shipments).sum(),
        all.stream().mapToLong(ExpectedOrder::itemShipments).sum(),
        promotions.size(),
        all.stream().mapToLong(ExpectedOrder::promotions).sum());
  }

  /** An address's field values in a fixed (name) order: its identity before any normalization. */
  private static List<String> values(JsonNode address) {
    Map<String, String> byName = new TreeMap<>();
    address
        .properties()
        .forEach(f -> byName.put(f.getKey(), f.getKey() + "=" + f.getValue().asText()));
    return new ArrayList<>(byName.values());
  }

  private static JsonNode parse(GeneratedEvent event) {
    try {
      return EventJson.MAPPER.readTree(event.json());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Event in " + event.fileName() + " is not JSON", e);
    }
  }
}
