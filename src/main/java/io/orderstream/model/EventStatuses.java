package io.orderstream.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderstream.event.EventDecoder;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The statuses {@code order_item} derives from one event, computed on the driver from the event's
 * normalized JSON: the order's status, and each line's key, item and status.
 *
 * <p>It repeats the Spark expressions of {@link OrderItemTable} and {@link OrderContext#lines()}
 * step by step, so that a small batch's status histories need no Spark job (a job costs more than
 * half a second on two cores, the derivation itself microseconds): the line's occurrence among the
 * order's lines of the same item, the shipment entries of its item over every shipment, and the
 * latest of them by Spark's ordering of {@code (updated, item_shipment_id, status)}, whose status,
 * or else the order's, is the line's. {@code EventStatusesTest} compares both on fixtures that
 * exercise every step; where they could differ, the tables' current period would no longer equal
 * {@code order_item.item_status}.
 */
public final class EventStatuses {
  private EventStatuses() {}

  /**
   * One {@code order_event} row with what the histories need of it: its rank from the row, its
   * statuses from its raw JSON decoded again, as every stored event is. Empty when the raw JSON is
   * no longer a valid event (a rule tightened since it was stored), which the Spark path drops too.
   */
  public static Optional<StatusPeriods.Event> ofLogged(Row logged, EventDecoder decoder) {
    Optional<JsonNode> decoded =
        decoder.normalizedStored(logged.<String>getAs(OrderEventTable.RAW_EVENT));
    if (decoded.isEmpty()) {
      return Optional.empty();
    }
    JsonNode normalized = decoded.get();
    String orderId = logged.getAs(OrderEventTable.ORDER_ID);
    return Optional.of(
        new StatusPeriods.Event(
            orderId,
            logged.getAs(OrderEventTable.UPDATED_AT),
            logged.getAs(OrderEventTable.UPDATED_AT_NANOS),
            logged.getAs(OrderEventTable.VERSION),
            logged.getAs(OrderEventTable.EVENT_HASH),
            logged.getAs(OrderEventTable.SOURCE),
            orderStatus(normalized),
            lines(orderId, normalized)));
  }

  /** {@code order_status}: the event's {@code stat_pedi}. */
  public static String orderStatus(JsonNode event) {
    return text(event, "stat_pedi");
  }

  /**
   * The event's lines as {@code order_item} has them, in the event's order.
   *
   * @param orderId the event's order id as decoded (the key's first part)
   * @param event the normalized event: text fields as text, instants in the canonical layout
   */
  public static List<StatusPeriods.Line> lines(String orderId, JsonNode event) {
    List<JsonNode> lineItems = elements(event.get("list_item_pedi"));
    List<ShipmentEntry> entries = shipmentEntries(orderId, event);
    String orderStatus = orderStatus(event);
    List<StatusPeriods.Line> lines = new ArrayList<>(lineItems.size());
    for (int pos = 0; pos < lineItems.size(); pos++) {
      String item = text(lineItems.get(pos), "cod_vrne_prod");
      int occurrence = occurrence(lineItems, "cod_vrne_prod", pos);
      ShipmentEntry latest = null;
      for (ShipmentEntry entry : entries) {
        // As array_max: the first of equal maxima is kept, a null product code never matches.
        if (item != null
            && item.equals(entry.productCode())
            && (latest == null || ShipmentEntry.ORDER.compare(entry, latest) > 0)) {
          latest = entry;
        }
      }
      String status = latest != null && latest.status() != null ? latest.status() : orderStatus;
      lines.add(
          new StatusPeriods.Line(
              item == null ? null : Keys.orderItemIdText(orderId, item, occurrence), item, status));
    }
    return lines;
  }

  /** Every item entry of every shipment, keyed as {@code item_shipment} keys them. */
  private static List<ShipmentEntry> shipmentEntries(String orderId, JsonNode event) {
    List<JsonNode> shipments = elements(event.get("list_envo"));
    List<ShipmentEntry> entries = new ArrayList<>();
    for (int i = 0; i < shipments.size(); i++) {
      JsonNode ship = shipments.get(i);
      long shipmentId =
          Keys.shipmentIdValue(
              orderId, text(ship, "cod_tipo_entg"), occurrence(shipments, "cod_tipo_entg", i));
      List<JsonNode> items = elements(ship.get("list_item_envo"));
      for (int j = 0; j < items.size(); j++) {
        JsonNode si = items.get(j);
        String product = text(si, "cod_prod");
        String status = text(si, "stat_entg");
        entries.add(
            new ShipmentEntry(
                product,
                instant(text(si, "dat_hor_atui_item_entg")),
                Keys.itemShipmentIdValue(shipmentId, product, occurrence(items, "cod_prod", j)),
                status != null ? status : text(ship, "nom_stat_entg")));
      }
    }
    return entries;
  }

  /**
   * 1 for the first element of {@code list} with this value of {@code field}, 2 for the second:
   * Spark's {@code size(filter(...)) + 1}, where a null value equals nothing.
   */
  private static int occurrence(List<JsonNode> list, String field, int index) {
    String value = text(list.get(index), field);
    int before = 0;
    for (int k = 0; k < index && value != null; k++) {
      if (value.equals(text(list.get(k), field))) {
        before++;
      }
    }
    return before + 1;
  }

  private static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(out::add);
    }
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** The canonical layout (microseconds, UTC) parsed as Spark's TIMESTAMP holds it. */
  private static Instant instant(String canonical) {
    return canonical == null ? null : OffsetDateTime.parse(canonical).toInstant();
  }

  /**
   * A shipment entry of some item, ordered as Spark orders the struct {@code (updated,
   * item_shipment_id, status)}: field by field, null before any value, text by its UTF-8 bytes.
   */
  private record ShipmentEntry(
      String productCode, Instant updated, long itemShipmentId, String status) {
    static final Comparator<ShipmentEntry> ORDER =
        Comparator.comparing(
                ShipmentEntry::updated, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(ShipmentEntry::itemShipmentId)
            .thenComparing(
                e -> e.status() == null ? null : UTF8String.fromString(e.status()),
                Comparator.nullsFirst(Comparator.naturalOrder()));
  }
}
