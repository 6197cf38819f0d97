package io.orderstream.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The "lifecycle" fixture (26 fabricated events of 5 orders) and its expectation file agree, and
 * the fixture keeps the hard cases it exists for.
 */
class LifecycleFixtureTest {
  private static final List<GeneratedEvent> EVENTS = EventFiles.read(Fixtures.path("lifecycle"));
  private static final JsonNode EXPECTED = Fixtures.json("lifecycle-expected.json");
  private static final ExpectedState STATE = ExpectedState.of(EVENTS);

  // ---- expectations ------------------------------------------------------------------------

  @Test
  void fixtureWinningEventsMatchTheExpectationFile() {
    assertThat(STATE.orders().keySet())
        .containsExactlyElementsOf(fieldNames(EXPECTED.get("orders")));
    EXPECTED
        .get("orders")
        .properties()
        .forEach(
            entry -> {
              JsonNode want = entry.getValue();
              ExpectedOrder got = STATE.order(entry.getKey());
              assertThat(got.datAtui())
                  .as(entry.getKey())
                  .isEqualTo(Instant.parse(want.get("dat_atui").asText()));
              assertThat(String.valueOf(got.version()))
                  .as(entry.getKey())
                  .isEqualTo(want.get("version").asText());
              assertThat(got.status()).as(entry.getKey()).isEqualTo(want.get("status").asText());
              assertThat(got.lines()).as(entry.getKey()).isEqualTo(want.get("lines").asInt());
              assertThat(got.shipments())
                  .as(entry.getKey())
                  .isEqualTo(want.get("shipments").asInt());
              assertThat(got.itemShipments())
                  .as(entry.getKey())
                  .isEqualTo(want.get("item_shipments").asInt());
              assertThat(got.promotions())
                  .as(entry.getKey())
                  .isEqualTo(want.get("promotions").asInt());
              assertThat(winnerFile(entry.getKey())).isEqualTo(want.get("file").asText());
            });
  }

  @Test
  void fixtureTotalsMatchTheExpectationFileAndModelSection4() {
    Map<String, Long> expected = new TreeMap<>();
    EXPECTED
        .get("totals")
        .properties()
        .forEach(f -> expected.put(f.getKey(), f.getValue().asLong()));

    assertThat(new TreeMap<>(STATE.totals().byTable())).isEqualTo(expected);
    assertThat(expected)
        .containsEntry("order_item", 8L)
        .containsEntry("customer", 5L)
        .containsEntry("delivery_address", 5L)
        .containsEntry("item", 8L)
        .containsEntry("seller", 3L)
        .containsEntry("shipment", 4L)
        .containsEntry("item_shipment", 4L)
        .containsEntry("promotion", 1L);
  }

  @Test
  void fixtureWinnersAreTheSameWhateverTheOrderOfArrival() {
    List<GeneratedEvent> reversed = new ArrayList<>(EVENTS);
    Collections.reverse(reversed);

    assertThat(ExpectedState.of(reversed).orders()).isEqualTo(STATE.orders());
  }

  // ---- the hard cases the fixture must keep ---------------------------------------------------

  @Test
  void fixtureHasTwentySixEventsOfFiveOrdersNamedAfterTheirOrder() throws Exception {
    assertThat(EVENTS).hasSize(26);
    assertThat(STATE.orders()).hasSize(5);
    assertThat(EVENTS)
        .allMatch(
            e -> e.fileName().startsWith(e.orderId() + "_") && e.fileName().endsWith(".json"));
    try (Stream<Path> files = Files.list(Fixtures.path("lifecycle"))) {
      assertThat(files).hasSize(26);
    }
  }

  @Test
  void fixtureHasATieOnDatAtuiBrokenByVersion() {
    Map<String, List<GeneratedEvent>> byKey =
        EVENTS.stream().collect(Collectors.groupingBy(e -> e.orderId() + "@" + e.datAtui()));

    assertThat(byKey.values())
        .filteredOn(l -> l.size() > 1)
        .singleElement()
        .satisfies(
            tie ->
                assertThat(tie)
                    .extracting(GeneratedEvent::version)
                    .containsExactlyInAnyOrder(3L, 4L));
  }

  @Test
  void fixtureHasThreeEventsWithoutVersionNoneOfThemWinning() {
    assertThat(EVENTS)
        .filteredOn(e -> e.version() == null)
        .hasSize(3)
        .allMatch(e -> e.status().equals("PRE-ORDER"));
    assertThat(STATE.orders().values()).allMatch(o -> o.version() != null);
  }

  @Test
  void fixtureHasATestUpdateThatWinsOnDatAtuiWithARepeatedVersion() {
    ExpectedOrder testUpdate =
        STATE.orders().values().stream()
            .filter(o -> o.status().equals("TEST_UPDATE"))
            .findFirst()
            .orElseThrow();

    assertThat(EVENTS)
        .filteredOn(e -> e.orderId().equals(testUpdate.orderId()) && e.status().equals("CANCELED"))
        .singleElement()
        .extracting(GeneratedEvent::version)
        .isEqualTo(testUpdate.version());
  }

  @Test
  void fixtureKeepsDoubleEncodedText() {
    assertThat(EVENTS).anyMatch(e -> e.json().contains("Entrega Padr\\u00c3\\u00a3o"));
    assertThat(EVENTS)
        .anyMatch(
            e ->
                SampleGeneratorTest.parse(e)
                    .at("/objt_ende_entg_pedi/nom_cida_ende_entg")
                    .asText()
                    .contains("\u00c3"));
  }

  @Test
  void fixtureSharesThreeSellersAcrossOrders() {
    Set<String> sellers = new HashSet<>();
    EVENTS.forEach(
        e ->
            SampleGeneratorTest.parse(e)
                .get("list_item_pedi")
                .forEach(l -> sellers.add(l.get("idt_venr").asText())));

    assertThat(sellers).hasSize(3);
  }

  @Test
  void fixtureContainsOnlyFabricatedContacts() {
    for (GeneratedEvent e : EVENTS) {
      JsonNode event = SampleGeneratorTest.parse(e);
      assertThat(event.at("/objt_clie/nom_ende_emai_clie").asText().toLowerCase())
          .endsWith("@example.com");
      event
          .get("list_item_pedi")
          .forEach(
              l ->
                  assertThat(l.get("nom_url_img_oril").asText())
                      .startsWith("https://img.example.com/"));
    }
  }

  private static String winnerFile(String orderId) {
    String json = STATE.order(orderId).json();
    return EVENTS.stream().filter(e -> e.json().equals(json)).findFirst().orElseThrow().fileName();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
