package io.orderstream.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SampleGeneratorTest {
  private static final GeneratorSpec SPEC = GeneratorSpec.of(60, 99L);
  private static final List<GeneratedEvent> EVENTS = SampleGenerator.generate(SPEC);

  // ---- determinism -------------------------------------------------------------------------

  @Test
  void generateSameSpecTwiceReturnsIdenticalEvents() {
    assertThat(SampleGenerator.generate(SPEC)).isEqualTo(EVENTS);
  }

  @Test
  void generateDifferentSeedsReturnDifferentEvents() {
    List<GeneratedEvent> other = SampleGenerator.generate(GeneratorSpec.of(60, 100L));

    assertThat(orderIds(other)).doesNotContainAnyElementsOf(orderIds(EVENTS));
    assertThat(jsons(other)).doesNotContainAnyElementsOf(jsons(EVENTS));
  }

  @Test
  void generateMoreOrdersKeepsTheFirstOrdersUnchanged() {
    List<GeneratedEvent> fewer = SampleGenerator.generate(GeneratorSpec.of(10, 99L));

    Set<String> all = new HashSet<>(jsons(EVENTS));
    assertThat(jsons(fewer)).allMatch(all::contains);
  }

  @Test
  void latestOnlyGivesEachOrdersWinningEventOfTheFullLifecycle() {
    Map<String, GeneratedEvent> winners = new HashMap<>();
    EVENTS.forEach(
        e ->
            winners.merge(
                e.orderId(), e, (a, b) -> GeneratedEvent.recency().compare(a, b) >= 0 ? a : b));

    List<GeneratedEvent> latest = SampleGenerator.latestOnly(SPEC);

    assertThat(latest).hasSize(SPEC.orders());
    assertThat(jsons(latest))
        .containsExactlyInAnyOrderElementsOf(jsons(List.copyOf(winners.values())));
    assertThat(latest).isSortedAccordingTo(Comparator.comparing(GeneratedEvent::datAtui));
  }

  // ---- lifecycles --------------------------------------------------------------------------

  @Test
  void generateEachOrderVersionsStrictlyIncreaseWithDatAtui() {
    byOrder(EVENTS)
        .forEach(
            (order, events) -> {
              for (int i = 1; i < events.size(); i++) {
                GeneratedEvent before = events.get(i - 1);
                GeneratedEvent after = events.get(i);
                assertThat(after.version()).as("order %s event %d", order, i).isNotNull();
                assertThat(after.version())
                    .as("order %s event %d", order, i)
                    .isGreaterThan(before.version() == null ? -1L : before.version());
                assertThat(after.datAtui()).isAfterOrEqualTo(before.datAtui());
              }
            });
  }

  @Test
  void generateEachOrderStatusesNeverMoveBackwardAndTheWinnerIsTheLastStatus() {
    ExpectedState expected = ExpectedState.of(EVENTS);
    byOrder(EVENTS)
        .forEach(
            (order, events) -> {
              List<OrderStatus> statuses =
                  events.stream().map(e -> OrderStatus.fromJson(e.status())).toList();
              assertThat(statuses).as(order).isSortedAccordingTo(Comparator.naturalOrder());
              assertThat(statuses.get(0)).isEqualTo(OrderStatus.PRE_ORDER);
              assertThat(expected.order(order).status())
                  .isEqualTo(events.get(events.size() - 1).status());
            });
  }

  @Test
  void generateOnlyTheFirstPreOrderEventMayLackAVersion() {
    List<GeneratedEvent> versionless = EVENTS.stream().filter(e -> e.version() == null).toList();

    assertThat(versionless).isNotEmpty().allMatch(e -> e.status().equals("PRE-ORDER"));
    assertThat(versionless).allMatch(e -> !e.json().contains("cod_aces_tokn"));
  }

  @Test
  void generateTiesOnDatAtuiHappenAndAlwaysDifferInVersion() {
    int ties = 0;
    for (List<GeneratedEvent> events : byOrder(EVENTS).values()) {
      for (int i = 1; i < events.size(); i++) {
        if (events.get(i).datAtui().equals(events.get(i - 1).datAtui())) {
          ties++;
          assertThat(events.get(i).version()).isNotEqualTo(events.get(i - 1).version());
        }
      }
    }
    assertThat(ties).isPositive();
  }

  @Test
  void generateCoversCanceledInProgressAndDeliveredOrders() {
    Set<String> finals =
        ExpectedState.of(EVENTS).orders().values().stream()
            .map(ExpectedOrder::status)
            .collect(Collectors.toSet());

    assertThat(finals).contains("DELIVERED", "CANCELED", "PRE-ORDER");
    assertThat(finals)
        .containsAnyOf(
            "PAID", "BILLED", "SENT", "PARTIALLY-BILLED", "PARTIALLY-SENT", "PARTIALLY-DELIVERED");
  }

  // ---- order content -----------------------------------------------------------------------

  @Test
  void generateLinesCustomerAddressAndPromotionsAreTheSameInAllEventsOfAnOrder() {
    byOrder(EVENTS)
        .forEach(
            (order, events) -> {
              Set<String> stable =
                  events.stream()
                      .map(SampleGeneratorTest::parse)
                      .map(
                          e ->
                              e.get("list_item_pedi").toString()
                                  + e.get("objt_clie")
                                  + e.get("objt_ende_entg_pedi")
                                  + e.get("list_prmo"))
                      .collect(Collectors.toSet());
              assertThat(stable).as(order).hasSize(1);
            });
  }

  @Test
  void generateShipmentsOnePerSellerWithStableCodesThatOnlyGrow() {
    byOrder(EVENTS)
        .forEach(
            (order, events) -> {
              List<String> previousCodes = List.of();
              for (GeneratedEvent event : events) {
                JsonNode e = parse(event);
                List<String> codes = new ArrayList<>();
                Set<String> sellers = new HashSet<>();
                e.get("list_envo")
                    .forEach(
                        s -> {
                          codes.add(s.get("cod_tipo_entg").asText());
                          assertThat(sellers.add(s.get("cod_venr").asText()))
                              .as("one shipment per seller in %s", order)
                              .isTrue();
                        });
                assertThat(codes).as(order).hasSizeGreaterThanOrEqualTo(previousCodes.size());
                assertThat(codes.subList(0, previousCodes.size()))
                    .as(order)
                    .isEqualTo(previousCodes);
                previousCodes = codes;
              }
            });
  }

  @Test
  void generateShipmentItemsReferenceTheirOrderLinesOfTheSameSeller() {
    for (GeneratedEvent event : EVENTS) {
      JsonNode e = parse(event);
      Map<String, String> sellerOfItem = new HashMap<>();
      e.get("list_item_pedi")
          .forEach(
              l -> sellerOfItem.put(l.get("cod_vrne_prod").asText(), l.get("idt_venr").asText()));
      e.get("list_envo")
          .forEach(
              s ->
                  s.get("list_item_envo")
                      .forEach(
                          i ->
                              assertThat(sellerOfItem.get(i.get("cod_prod").asText()))
                                  .isEqualTo(s.get("cod_venr").asText())));
    }
  }

  @Test
  void generateItemsSellersAndCustomersRepeatAcrossOrders() {
    Map<String, Set<String>> ordersOfItem = new HashMap<>();
    Map<String, Set<String>> ordersOfCustomer = new HashMap<>();
    for (GeneratedEvent event : EVENTS) {
      JsonNode e = parse(event);
      e.get("list_item_pedi")
          .forEach(
              l ->
                  ordersOfItem
                      .computeIfAbsent(l.get("cod_vrne_prod").asText(), k -> new HashSet<>())
                      .add(event.orderId()));
      ordersOfCustomer
          .computeIfAbsent(e.at("/objt_clie/cod_rfrc_clie").asText(), k -> new HashSet<>())
          .add(event.orderId());
    }

    assertThat(ordersOfItem.values()).anyMatch(orders -> orders.size() > 1);
    assertThat(ordersOfCustomer.values()).anyMatch(orders -> orders.size() > 1);
  }

  @Test
  void generateOrdersWithTwoPromotionsApplyDifferentValues() {
    List<JsonNode> twoPromotions =
        EVENTS.stream()
            .map(SampleGeneratorTest::parse)
            .filter(e -> e.path("list_prmo").size() == 2)
            .toList();

    assertThat(twoPromotions)
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(e.at("/list_prmo/0/vlr_aplc_desc").asDouble())
                    .isNotEqualTo(e.at("/list_prmo/1/vlr_aplc_desc").asDouble()));
  }

  @Test
  void generateSomeTextIsDoubleEncodedUtf8() {
    assertThat(EVENTS)
        .anyMatch(
            e ->
                parse(e).at("/objt_ende_entg_pedi/nom_cida_ende_entg").asText().contains("\u00c3"));
    assertThat(EVENTS).anyMatch(e -> e.json().contains("Entrega Padr\\u00C3\\u00A3o"));
  }

  @Test
  void generateTimestampsAreUtcWithMilliseconds() {
    String iso = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    for (GeneratedEvent event : EVENTS) {
      JsonNode e = parse(event);
      assertThat(e.get("dat_atui").asText()).matches(iso);
      assertThat(e.get("dat_hor_tran").asText()).matches(iso);
      e.get("list_envo")
          .forEach(s -> assertThat(s.at("/objt_carg_fatm/dat_emis_nail").asText()).matches(iso));
    }
  }

  @Test
  void generateFabricatedContactsUseReservedExampleDomains() {
    for (GeneratedEvent event : EVENTS) {
      JsonNode e = parse(event);
      assertThat(e.at("/objt_clie/nom_ende_emai_clie").asText().toLowerCase())
          .matches(".+@example\\.(com|org|net)");
      e.get("list_item_pedi")
          .forEach(
              l ->
                  assertThat(l.get("nom_url_img_oril").asText())
                      .startsWith("https://img.example.com/"));
    }
  }

  @Test
  void generateTokenLooksLikeAJwtAboutItsOrder() {
    GeneratedEvent event =
        EVENTS.stream().filter(e -> e.version() != null).findFirst().orElseThrow();
    String[] parts = parse(event).get("cod_aces_tokn").asText().split("\\.");

    assertThat(parts).hasSize(3);
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertThat(payload).contains("\"_id\":\"" + event.orderId().substring(0, 13) + "\"");
  }

  // ---- arrival order and file names ---------------------------------------------------------

  @Test
  void generateFileNamesDoNotSortInEventOrder() {
    List<String> inArrivalOrder = EVENTS.stream().map(GeneratedEvent::fileName).toList();
    List<String> sorted = inArrivalOrder.stream().sorted().toList();

    assertThat(inArrivalOrder).doesNotContainSequence(sorted);
    assertThat(EVENTS).allMatch(e -> e.fileName().matches(e.orderId() + "_[0-9a-f]{8}\\.json"));
    assertThat(new HashSet<>(inArrivalOrder)).hasSize(EVENTS.size());
  }

  @Test
  void generateWithoutDuplicatesOrLateEventsArrivesInEventOrder() {
    assertThat(EVENTS).isSortedAccordingTo(GeneratedEvent.recency());
    assertThat(new HashSet<>(jsons(EVENTS))).hasSize(EVENTS.size());
  }

  @Test
  void generateDuplicatesAreExactCopiesArrivingAfterTheirOriginal() {
    List<GeneratedEvent> plain = SampleGenerator.generate(SPEC);
    List<GeneratedEvent> withCopies = SampleGenerator.generate(SPEC.withDuplicates(0.1));

    assertThat(withCopies).hasSize(plain.size() + (int) Math.round(plain.size() * 0.1));
    Set<String> seen = new HashSet<>();
    int copies = 0;
    for (GeneratedEvent e : withCopies) {
      copies += seen.add(e.json()) ? 0 : 1;
    }
    assertThat(copies).isEqualTo(withCopies.size() - plain.size());
    assertThat(ExpectedState.of(withCopies).orders()).isEqualTo(ExpectedState.of(plain).orders());
  }

  @Test
  void generateLateEventsArriveAfterTheirOrdersWinningEvent() {
    List<GeneratedEvent> withLate = SampleGenerator.generate(SPEC.withLate(0.2));
    ExpectedState expected = ExpectedState.of(withLate);

    Set<String> winnerSeen = new HashSet<>();
    int late = 0;
    for (GeneratedEvent e : withLate) {
      late += winnerSeen.contains(e.orderId()) ? 1 : 0;
      if (e.json().equals(expected.order(e.orderId()).json())) {
        winnerSeen.add(e.orderId());
      }
    }
    assertThat(late).isEqualTo((int) Math.round(EVENTS.size() * 0.2));
    assertThat(withLate).hasSameSizeAs(EVENTS);
    assertThat(expected.orders()).isEqualTo(ExpectedState.of(EVENTS).orders());
  }

  @Test
  void generateJsonlFormatPacksEventsPerFileAsSingleLines() {
    List<GeneratedEvent> jsonl =
        SampleGenerator.generate(SPEC.withFormat(OutputFormat.JSONL).withEventsPerFile(7));

    Map<String, Long> perFile =
        jsonl.stream()
            .collect(
                Collectors.groupingBy(
                    GeneratedEvent::fileName, LinkedHashMap::new, Collectors.counting()));
    assertThat(perFile.values()).allMatch(n -> n <= 7);
    assertThat(perFile).hasSize((EVENTS.size() + 6) / 7);
    assertThat(perFile.keySet()).allMatch(n -> n.matches("events_[0-9a-f]{8}\\.jsonl"));
    assertThat(jsonl).allMatch(e -> !e.json().contains("\n"));
    assertThat(jsonl.stream().map(e -> parse(e)))
        .containsExactlyElementsOf(EVENTS.stream().map(e -> parse(e)).toList());
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** Each order's events from oldest to newest. */
  static Map<String, List<GeneratedEvent>> byOrder(List<GeneratedEvent> events) {
    Map<String, List<GeneratedEvent>> byOrder = new LinkedHashMap<>();
    events.forEach(e -> byOrder.computeIfAbsent(e.orderId(), k -> new ArrayList<>()).add(e));
    byOrder.values().forEach(l -> l.sort(GeneratedEvent.recency()));
    return byOrder;
  }

  static JsonNode parse(GeneratedEvent event) {
    try {
      return EventJson.MAPPER.readTree(event.json());
    } catch (Exception e) {
      throw new AssertionError("Not JSON: " + event.fileName(), e);
    }
  }

  private static Set<String> orderIds(List<GeneratedEvent> events) {
    return events.stream().map(GeneratedEvent::orderId).collect(Collectors.toSet());
  }

  private static List<String> jsons(List<GeneratedEvent> events) {
    return events.stream().map(GeneratedEvent::json).toList();
  }
}
