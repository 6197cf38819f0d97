package io.orderstream.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedStateTest {

  // ---- which event wins --------------------------------------------------------------------

  @Test
  void winnerIsTheLatestDatAtuiWhateverTheVersion() {
    ExpectedState state =
        ExpectedState.of(
            List.of(
                event("A", "2024-01-01T10:00:00.000Z", "9", "PAID"),
                event("A", "2024-01-01T11:00:00.000Z", "2", "SENT")));

    assertThat(state.order("A").status()).isEqualTo("SENT");
  }

  @Test
  void winnerOnATiedDatAtuiIsTheHigherVersion() {
    ExpectedState state =
        ExpectedState.of(
            List.of(
                event("A", "2024-01-01T10:00:00.000Z", "4", "PARTIALLY-SENT"),
                event("A", "2024-01-01T10:00:00.000Z", "3", "PARTIALLY-BILLED")));

    assertThat(state.order("A").version()).isEqualTo(4L);
    assertThat(state.order("A").status()).isEqualTo("PARTIALLY-SENT");
  }

  @Test
  void winnerOnATiedDatAtuiIsNeverTheEventWithoutVersion() {
    ExpectedState state =
        ExpectedState.of(
            List.of(
                event("A", "2024-01-01T10:00:00.000Z", "0", "IN-PROCESSING"),
                event("A", "2024-01-01T10:00:00.000Z", null, "PRE-ORDER")));

    assertThat(state.order("A").status()).isEqualTo("IN-PROCESSING");
  }

  @Test
  void winnerOfAnOrderWithOnlyAVersionlessEventHasNoVersion() {
    ExpectedState state =
        ExpectedState.of(List.of(event("A", "2024-01-01T10:00:00.000Z", null, "PRE-ORDER")));

    assertThat(state.order("A").version()).isNull();
  }

  @Test
  void exactDuplicatesOfTheWinnerAreAccepted() {
    GeneratedEvent e = event("A", "2024-01-01T10:00:00.000Z", "1", "PAID");

    assertThat(ExpectedState.of(List.of(e, e)).order("A").status()).isEqualTo("PAID");
  }

  @Test
  void twoDifferentEventsWithTheSameDatAtuiAndVersionAreRejected() {
    List<GeneratedEvent> events =
        List.of(
            event("A", "2024-01-01T10:00:00.000Z", "1", "PAID"),
            event("A", "2024-01-01T10:00:00.000Z", "1", "CANCELED"));

    assertThatThrownBy(() -> ExpectedState.of(events))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no event wins");
  }

  @Test
  void unknownOrderIsAnError() {
    ExpectedState state =
        ExpectedState.of(List.of(event("A", "2024-01-01T10:00:00.000Z", "1", "PAID")));

    assertThatThrownBy(() -> state.order("B")).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- counts ------------------------------------------------------------------------------

  @Test
  void countsComeFromTheWinningEventOnly() {
    GeneratedEvent older = withContent("A", "2024-01-01T10:00:00.000Z", "1", 3, 2, 1);
    GeneratedEvent newer = withContent("A", "2024-01-02T10:00:00.000Z", "2", 1, 1, 0);

    ExpectedOrder order = ExpectedState.of(List.of(newer, older)).order("A");

    assertThat(order.lines()).isEqualTo(1);
    assertThat(order.shipments()).isEqualTo(1);
    assertThat(order.itemShipments()).isEqualTo(1);
    assertThat(order.promotions()).isZero();
    assertThat(order.json()).isEqualTo(newer.json());
  }

  @Test
  void totalsCountDistinctDimensionKeysAcrossOrders() {
    ExpectedTotals totals =
        ExpectedState.of(
                List.of(
                    withContent("A", "2024-01-01T10:00:00.000Z", "1", 2, 1, 1),
                    withContent("B", "2024-01-01T10:00:00.000Z", "1", 2, 2, 1)))
            .totals();

    assertThat(totals.orders()).isEqualTo(2);
    assertThat(totals.orderItems()).isEqualTo(4);
    assertThat(totals.items()).isEqualTo(2);
    assertThat(totals.customers()).isEqualTo(1);
    assertThat(totals.shipments()).isEqualTo(3);
    assertThat(totals.promotions()).isEqualTo(1);
    assertThat(totals.orderPromotions()).isEqualTo(2);
    assertThat(totals.byTable()).containsEntry("order_item", 4L).containsEntry("item", 2L);
  }

  // ---- builders ----------------------------------------------------------------------------

  private static GeneratedEvent event(
      String orderId, String datAtui, String version, String status) {
    ObjectNode e = base(orderId, datAtui, version, status);
    return GeneratedEvent.parse(orderId + ".json", EventJson.compact(e));
  }

  /**
   * An event with {@code lines} lines (items I0..), {@code shipments} shipments of one item each,
   * and promotions.
   */
  private static GeneratedEvent withContent(
      String orderId, String datAtui, String version, int lines, int shipments, int promotions) {
    ObjectNode e = base(orderId, datAtui, version, "SENT");
    e.putObject("objt_clie").put("cod_rfrc_clie", "C1");
    e.putObject("objt_ende_entg_pedi").put("cod_cep", "00000-000");
    ArrayNode items = e.putArray("list_item_pedi");
    for (int i = 0; i < lines; i++) {
      items.addObject().put("cod_vrne_prod", "I" + i).put("idt_venr", "S1");
    }
    ArrayNode envo = e.putArray("list_envo");
    for (int i = 0; i < shipments; i++) {
      ObjectNode s = envo.addObject().put("cod_tipo_entg", "T" + i).put("cod_venr", "S1");
      s.putArray("list_item_envo").addObject().put("cod_prod", "I" + i);
    }
    ArrayNode promos = e.putArray("list_prmo");
    for (int i = 0; i < promotions; i++) {
      promos.addObject().put("cod_prmo", "P" + i);
    }
    return GeneratedEvent.parse(orderId + ".json", EventJson.compact(e));
  }

  private static ObjectNode base(String orderId, String datAtui, String version, String status) {
    ObjectNode e = EventJson.MAPPER.createObjectNode();
    if (version != null) {
      e.put("num_ulti_vers_sist", version);
    }
    e.put("txt_detl_idt_pedi_pgto", orderId);
    e.put("stat_pedi", status);
    e.put("dat_atui", datAtui);
    return e;
  }
}
