package io.orderstream.event;

import static io.orderstream.event.TestEvents.compact;
import static io.orderstream.event.TestEvents.firstLine;
import static io.orderstream.event.TestEvents.fixtureText;
import static io.orderstream.event.TestEvents.minimal;
import static io.orderstream.event.TestEvents.parse;
import static io.orderstream.event.TestEvents.pretty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderstream.event.DecodeResult.Event;
import io.orderstream.event.DecodeResult.Rejected;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * File text in, events and rejections out: every layout, every type rule, and no exception for any
 * input.
 */
class EventDecoderTest {
  private static final String SOURCE = "input/test.json";
  private static final String MIXED = "mixed.jsonl";

  /** Far more than these inputs need; only a hang or a runaway computation exceeds it. */
  private static final Duration QUICKLY = Duration.ofSeconds(10);

  // --- stored events read again for their statuses

  @Test
  void aStoredEventsRawJsonGivesTheNormalizedFormItsFileGave() throws Exception {
    EventDecoder decoder = new EventDecoder();
    List<String> files = new ArrayList<>();
    try (Stream<java.nio.file.Path> lifecycle =
        java.nio.file.Files.list(java.nio.file.Path.of("src/test/resources/fixtures/lifecycle"))) {
      for (java.nio.file.Path file : lifecycle.sorted().toList()) {
        files.add(java.nio.file.Files.readString(file));
      }
    }
    // Pretty, one line, an array of two, JSON Lines with a byte order mark: raw text of each kind.
    String first = files.get(0);
    files.add(pretty(parse(first)));
    files.add("[" + compact(parse(first)) + "," + compact(parse(files.get(1))) + "]");
    files.add("\uFEFF" + compact(parse(first)) + "\n" + compact(parse(files.get(2))) + "\n");

    int events = 0;
    for (String file : files) {
      for (DecodeResult result : decoder.decodeFile(file, SOURCE)) {
        Event event = (Event) result;
        assertThat(decoder.normalizedStored(event.rawJson()))
            .as(event.rawJson())
            .hasValueSatisfying(n -> assertThat(n.toString()).isEqualTo(event.normalizedJson()));
        events++;
      }
    }
    assertThat(events).isGreaterThan(files.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFixtures")
  void rawJsonThatIsNoEventGivesNoNormalizedForm(String file, String reason) {
    assertThat(new EventDecoder().normalizedStored(fixtureText("bad/" + file)))
        .as(reason)
        .isEmpty();
  }

  // --- bad fixtures

  static Stream<Arguments> badFixtures() {
    return parse(fixtureText("bad-expected.json")).properties().stream()
        .filter(e -> !e.getKey().equals(MIXED))
        .map(e -> Arguments.of(e.getKey(), e.getValue().asText()));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("badFixtures")
  void decodeBadFixtureGivesOneRejectionWithTheExpectedReason(String file, String reason) {
    Rejected rejected = onlyRejection(fixtureText("bad/" + file));

    assertThat(rejected.reason().code()).isEqualTo(reason);
    assertThat(rejected.line()).isZero();
    assertThat(rejected.source()).isEqualTo(SOURCE);
  }

  @Test
  void decodeMixedJsonLinesGivesTwoEventsAndOneRejectionOnLine2() {
    String expectedReason = parse(fixtureText("bad-expected.json")).get(MIXED).asText();

    List<DecodeResult> results = decode(fixtureText("bad/" + MIXED));

    assertThat(results).extracting(DecodeResult::line).containsExactly(1L, 2L, 3L);
    assertThat(results.get(0)).isInstanceOf(Event.class);
    assertThat(results.get(2)).isInstanceOf(Event.class);
    assertThat(results.get(1))
        .isInstanceOfSatisfying(
            Rejected.class,
            r -> {
              assertThat(r.reason().code()).isEqualTo(expectedReason);
              assertThat(r.raw()).startsWith("this line is not JSON");
            });
  }

  // --- fixture events

  @Test
  void decodePrettyFixtureEventGivesOneEventWithItsOrderUpdatedAtAndVersion() {
    Event event = onlyEvent(fixtureText("lifecycle/TGT7001967462207_1.json"));

    assertThat(event.orderId()).isEqualTo("TGT7001967462207");
    assertThat(event.updatedAt()).isEqualTo(Instant.parse("2024-09-19T05:54:32.526Z"));
    assertThat(event.version()).isEqualTo(1L);
    assertThat(event.source()).isEqualTo(SOURCE);
    assertThat(event.line()).isZero();
  }

  @Test
  void decodeKeepsDatAtuiToTheNanosecondWhileTheNormalizedEventHoldsMicroseconds() {
    Event event =
        onlyEvent(compact(minimal().put(EventSchema.UPDATED_AT, "2024-05-01T10:00:00.0000009Z")));

    assertThat(event.updatedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00.000000900Z"));
    assertThat(parse(event.normalizedJson()).get(EventSchema.UPDATED_AT).asText())
        .isEqualTo("2024-05-01T10:00:00.000000Z");
  }

  @Test
  void decodeFixtureEventWithoutVersionGivesNullVersion() {
    Event event = onlyEvent(fixtureText("lifecycle/TGT7001967462207_5.json"));

    assertThat(event.updatedAt()).isEqualTo(Instant.parse("2024-09-18T19:22:05.262Z"));
    assertThat(event.version()).isNull();
  }

  @Test
  void decodeSameEventPrettyOrCompactGivesTheSameHash() {
    String pretty = fixtureText("lifecycle/TGT7001967462207_1.json");
    String compact = compact(parse(pretty));

    Event fromPretty = onlyEvent(pretty);
    Event fromCompact = onlyEvent(compact);

    assertThat(compact).isNotEqualTo(pretty);
    assertThat(fromCompact.eventHash()).isEqualTo(fromPretty.eventHash());
    assertThat(fromCompact.normalizedJson()).isEqualTo(fromPretty.normalizedJson());
  }

  @Test
  void decodeEventsDifferingInOneFieldGiveDifferentHashes() {
    ObjectNode sent = minimal();
    sent.put("stat_pedi", "SENT");

    assertThat(onlyEvent(compact(sent)).eventHash())
        .isNotEqualTo(onlyEvent(compact(minimal())).eventHash());
  }

  // --- file layouts

  @Test
  void decodeJsonArrayOfTwoEventsGivesBothInOrder() {
    String text = "[" + compact(minimal("ORD-A")) + ",\n" + pretty(minimal("ORD-B")) + "]";

    List<DecodeResult> results = decode(text);

    assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(Event.class));
    assertThat(results).extracting(r -> ((Event) r).orderId()).containsExactly("ORD-A", "ORD-B");
  }

  @Test
  void decodeEmptyJsonArrayIsRejectedAsEmpty() {
    assertThat(onlyRejection("[ ]").reason()).isEqualTo(RejectReason.EMPTY);
  }

  @Test
  void decodeJsonLinesOfThreeEventsGivesThreeEventsNumberedByLine() {
    String text =
        compact(minimal("ORD-A"))
            + "\n"
            + compact(minimal("ORD-B"))
            + "\n"
            + compact(minimal("ORD-C"))
            + "\n";

    List<DecodeResult> results = decode(text);

    assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r).isInstanceOf(Event.class));
    assertThat(results)
        .extracting(r -> ((Event) r).orderId())
        .containsExactly("ORD-A", "ORD-B", "ORD-C");
    assertThat(results).extracting(DecodeResult::line).containsExactly(1L, 2L, 3L);
  }

  @Test
  void decodeJsonLinesWithCrLfAndBlankLinesNumbersTheFileLines() {
    String text = compact(minimal("ORD-A")) + "\r\n\r\n" + compact(minimal("ORD-B")) + "\r\n";

    assertThat(decode(text)).extracting(DecodeResult::line).containsExactly(1L, 3L);
  }

  @Test
  void decodeJsonLinesWhoseFirstLineIsCutAfterAKeyStillGivesTheLaterLines() {
    String cut = "{\"txt_detl_idt_pedi_pgto\":\"ORD-A\",\"objt_clie\":";
    String text = cut + "\n" + compact(minimal("ORD-B")) + "\n";

    List<DecodeResult> results = decode(text);

    assertThat(results).hasSize(2);
    assertThat(results.get(0))
        .isInstanceOfSatisfying(
            Rejected.class,
            r -> {
              assertThat(r.reason()).isEqualTo(RejectReason.TRUNCATED);
              assertThat(r.line()).isEqualTo(1L);
            });
    assertThat(results.get(1))
        .isInstanceOfSatisfying(
            Event.class,
            e -> {
              assertThat(e.orderId()).isEqualTo("ORD-B");
              assertThat(e.line()).isEqualTo(2L);
            });
  }

  @Test
  void decodeDocumentAfterByteOrderMarkIgnoresTheMark() {
    Event event = onlyEvent("\uFEFF" + pretty(minimal()));

    assertThat(event.orderId()).isEqualTo(TestEvents.ORDER_ID);
    assertThat(event.rawJson()).doesNotContain("\uFEFF");
  }

  @Test
  void decodeJsonLinesAfterByteOrderMarkGivesEveryLine() {
    String text = "\uFEFF" + compact(minimal("ORD-A")) + "\n" + compact(minimal("ORD-B"));

    assertThat(decode(text)).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(Event.class));
  }

  @Test
  void decodeOnlyByteOrderMarkIsEmpty() {
    assertThat(onlyRejection("\uFEFF\n").reason()).isEqualTo(RejectReason.EMPTY);
  }

  @Test
  void decodeNullContentIsEmpty() {
    assertThat(onlyRejection(null).reason()).isEqualTo(RejectReason.EMPTY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"42", "null", "\"ORD-A\"", "[[{\"txt_detl_idt_pedi_pgto\":\"ORD-A\"}]]"})
  void decodeJsonThatIsNotAnObjectIsNotAnObject(String text) {
    assertThat(onlyRejection(text).reason()).isEqualTo(RejectReason.NOT_AN_OBJECT);
  }

  @Test
  void decodeBytesOfJsonLinesWithOneLineNotUtf8RejectsOnlyThatLine() {
    byte[] bad = {'{', '"', 'n', '"', ':', '"', 'S', (byte) 0xE3, 'o', '"', '}'};
    byte[] content =
        concat(
            utf8(compact(minimal("ORD-A")) + "\r\n"),
            bad,
            utf8("\n" + compact(minimal("ORD-B")) + "\n"));

    List<DecodeResult> results = new EventDecoder().decodeBytes(content, SOURCE);

    assertThat(results).extracting(DecodeResult::line).containsExactly(1L, 2L, 3L);
    assertThat(results.get(0))
        .isInstanceOfSatisfying(Event.class, e -> assertThat(e.orderId()).isEqualTo("ORD-A"));
    assertThat(results.get(1))
        .isInstanceOfSatisfying(
            Rejected.class,
            r -> {
              assertThat(r.reason()).isEqualTo(RejectReason.NOT_UTF8);
              assertThat(r.raw()).startsWith("{\"n\":\"S");
            });
    assertThat(results.get(2))
        .isInstanceOfSatisfying(Event.class, e -> assertThat(e.orderId()).isEqualTo("ORD-B"));
  }

  @Test
  void decodeBytesOfArrayWithOneEventPerLineNotUtf8IsOneRejection() {
    ObjectNode bad = minimal("ORD-B");
    bad.put("stat_pedi", "S\u00e3o");
    String text =
        "[\n"
            + compact(minimal("ORD-A"))
            + ",\n"
            + compact(bad)
            + ",\n"
            + compact(minimal("ORD-C"))
            + "\n]\n";

    List<DecodeResult> results =
        new EventDecoder()
            .decodeBytes(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), SOURCE);

    assertThat(results)
        .singleElement()
        .isInstanceOfSatisfying(
            Rejected.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.NOT_UTF8));
  }

  @Test
  void decodeBytesOfPrettyDocumentNotUtf8IsOneRejection() {
    ObjectNode event = minimal();
    event.put("stat_pedi", "S\u00e3o");

    List<DecodeResult> results =
        new EventDecoder()
            .decodeBytes(
                pretty(event).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), SOURCE);

    assertThat(results)
        .singleElement()
        .isInstanceOfSatisfying(
            Rejected.class,
            r -> {
              assertThat(r.reason()).isEqualTo(RejectReason.NOT_UTF8);
              assertThat(r.line()).isZero();
            });
  }

  // --- fields and types

  @Test
  void decodeUnknownFieldsAcceptsTheEventAndKeepsThemInRaw() {
    ObjectNode event = minimal();
    event.putObject("objt_novo").put("cod_novo", "NEW-1");
    firstLine(event).put("txt_novo_item", "extra");

    Event decoded = onlyEvent(compact(event));

    JsonNode raw = parse(decoded.rawJson());
    assertThat(raw.at("/objt_novo/cod_novo").asText()).isEqualTo("NEW-1");
    assertThat(raw.at("/list_item_pedi/0/txt_novo_item").asText()).isEqualTo("extra");
    assertThat(decoded.normalizedJson()).doesNotContain("objt_novo", "txt_novo_item");
  }

  @Test
  void decodeMoneyAndCountWrittenAsStringsAcceptsTheirValues() {
    ObjectNode event = minimal();
    firstLine(event).put("vlr_prod", "59.90").put("qtd_item_pedi", "2");

    JsonNode line = normalizedLine(onlyEvent(compact(event)));

    assertThat(line.get("vlr_prod").isNumber()).isTrue();
    assertThat(line.get("vlr_prod").decimalValue()).isEqualByComparingTo("59.90");
    assertThat(line.get("qtd_item_pedi").isIntegralNumber()).isTrue();
    assertThat(line.get("qtd_item_pedi").asLong()).isEqualTo(2L);
  }

  @Test
  void decodeCountWrittenAsWholeDecimalAcceptsIt() {
    ObjectNode event = minimal();
    firstLine(event).put("qtd_item_pedi", new BigDecimal("2.0"));

    JsonNode line = normalizedLine(onlyEvent(compact(event)));

    assertThat(line.get("qtd_item_pedi").isIntegralNumber()).isTrue();
    assertThat(line.get("qtd_item_pedi").asLong()).isEqualTo(2L);
  }

  @Test
  void decodeCountWithFractionIsWrongTypeNamingThePath() {
    ObjectNode event = minimal();
    firstLine(event).put("qtd_item_pedi", new BigDecimal("2.5"));

    Rejected rejected = onlyRejection(compact(event));

    assertThat(rejected.reason()).isEqualTo(RejectReason.WRONG_TYPE);
    assertThat(rejected.detail()).contains("list_item_pedi[0].qtd_item_pedi").contains("2.5");
  }

  @Test
  void ofSeveralOffendingFieldsTheFirstInTheSchemaIsReported() {
    ObjectNode event = minimal();
    // Text fields in the schema's order; each given an object, which is no text.
    for (String field :
        List.of("stat_pedi", "stat_pgto", "cod_idef_clie", "idt_loja", "cod_aces_tokn")) {
      event.putObject(field).put("x", 1);
    }

    Rejected rejected = onlyRejection(compact(event));

    assertThat(rejected.reason()).isEqualTo(RejectReason.WRONG_TYPE);
    assertThat(rejected.detail()).startsWith("stat_pedi:");
  }

  @Test
  void theNormalizedEventsFieldsFollowTheSchema() {
    ObjectNode event = minimal();
    List<String> sent = new ArrayList<>();
    event.fieldNames().forEachRemaining(sent::add);
    ObjectNode reversed = event.objectNode();
    for (int i = sent.size() - 1; i >= 0; i--) {
      reversed.set(sent.get(i), event.get(sent.get(i)));
    }

    List<String> normalized = new ArrayList<>();
    parse(onlyEvent(compact(reversed)).normalizedJson())
        .fieldNames()
        .forEachRemaining(normalized::add);

    List<String> schemaOrder =
        EventSchema.ROOT.children().stream()
            .map(EventField::name)
            .filter(normalized::contains)
            .toList();
    assertThat(normalized).hasSizeGreaterThan(3).isEqualTo(schemaOrder);
  }

  @Test
  void decodeMoneyIsRoundedHalfUpToCents() {
    ObjectNode event = minimal();
    firstLine(event).put("vlr_prod", new BigDecimal("10.005"));

    assertThat(normalizedLine(onlyEvent(compact(event))).get("vlr_prod").decimalValue())
        .isEqualByComparingTo("10.01");
  }

  @Test
  void decodeMoneyThatRoundsBeyondDecimal18x2IsOutOfRange() {
    ObjectNode largest = minimal();
    firstLine(largest).put("vlr_prod", new BigDecimal("9999999999999999.994"));
    ObjectNode tooLarge = minimal();
    firstLine(tooLarge).put("vlr_prod", new BigDecimal("-9999999999999999.995"));

    assertThat(normalizedLine(onlyEvent(compact(largest))).get("vlr_prod").decimalValue())
        .isEqualByComparingTo("9999999999999999.99");
    Rejected rejected = onlyRejection(compact(tooLarge));
    assertThat(rejected.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
    assertThat(rejected.detail()).contains("list_item_pedi[0].vlr_prod").contains("DECIMAL(18,2)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1E+20", "9223372036854775808", "-9223372036854775809", "1E+999999999"})
  void decodeCountBeyondBigintIsOutOfRangeQuickly(String count) {
    ObjectNode event = minimal();
    firstLine(event).put("qtd_item_pedi", new BigDecimal(count));

    Rejected rejected = assertTimeoutPreemptively(QUICKLY, () -> onlyRejection(compact(event)));

    assertThat(rejected.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
    assertThat(rejected.detail()).contains("list_item_pedi[0].qtd_item_pedi").contains("BIGINT");
  }

  @Test
  void decodeCountAtTheEdgesOfBigintLands() {
    ObjectNode event = minimal();
    firstLine(event)
        .put("qtd_item_pedi", Long.MAX_VALUE)
        .put("qtd_dia_prz_entg", new BigDecimal("-9223372036854775808.000"));

    JsonNode line = normalizedLine(onlyEvent(compact(event)));

    assertThat(line.get("qtd_item_pedi").asLong()).isEqualTo(Long.MAX_VALUE);
    assertThat(line.get("qtd_dia_prz_entg").asLong()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void decodeListLongerThanTheLimitIsOutOfRange() {
    ObjectNode longest = minimal();
    ObjectNode tooLong = minimal();
    for (int i = 1; i < EventSchema.MAX_LIST_ENTRIES; i++) {
      ((ArrayNode) longest.get("list_item_pedi")).add(firstLine(longest).deepCopy());
      ((ArrayNode) tooLong.get("list_item_pedi")).add(firstLine(tooLong).deepCopy());
    }
    ((ArrayNode) tooLong.get("list_item_pedi")).add(firstLine(tooLong).deepCopy());

    Rejected rejected = onlyRejection(compact(tooLong));

    assertThat(onlyEvent(compact(longest))).isNotNull();
    assertThat(rejected.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
    assertThat(rejected.detail())
        .isEqualTo(
            "list_item_pedi: "
                + (EventSchema.MAX_LIST_ENTRIES + 1)
                + " entries, at most "
                + EventSchema.MAX_LIST_ENTRIES
                + " are accepted");
  }

  @Test
  void decodeObjectWhereAListIsExpectedIsWrongType() {
    ObjectNode event = minimal();
    event.set("list_item_pedi", firstLine(event).deepCopy());

    Rejected rejected = onlyRejection(compact(event));

    assertThat(rejected.reason()).isEqualTo(RejectReason.WRONG_TYPE);
    assertThat(rejected.detail()).startsWith("list_item_pedi:").contains("a list");
  }

  @Test
  void decodeMissingRequiredNestedKeyIsMissingFieldNamingThePath() {
    ObjectNode event = minimal();
    firstLine(event).remove("cod_vrne_prod");

    Rejected rejected = onlyRejection(compact(event));

    assertThat(rejected.reason()).isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(rejected.detail()).contains("list_item_pedi[0].cod_vrne_prod");
  }

  @Test
  void decodeVersionWrittenAsNumberGivesIt() {
    ObjectNode event = minimal();
    event.put(EventSchema.VERSION_FIELD, 7);

    assertThat(onlyEvent(compact(event)).version()).isEqualTo(7L);
  }

  @Test
  void decodeUpdatedAtInYearZeroIsBadTimestamp() {
    ObjectNode event = minimal();
    event.put(EventSchema.UPDATED_AT, "0000-06-01T00:00:00Z");

    assertThat(onlyRejection(compact(event)).reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
  }

  @Test
  void decodeDoubleEncodedTextRepairsItInNormalizedButKeepsRawAsItArrived() {
    ObjectNode event = minimal();
    ((ObjectNode) event.get("objt_ende_entg_pedi"))
        .put("nom_cida_ende_entg", "S\u00c3\u00a3o Paulo");
    String text = compact(event);

    Event decoded = onlyEvent(text);

    assertThat(
            parse(decoded.normalizedJson()).at("/objt_ende_entg_pedi/nom_cida_ende_entg").asText())
        .isEqualTo("São Paulo");
    assertThat(decoded.rawJson()).isEqualTo(text);
    assertThat(parse(decoded.rawJson()).at("/objt_ende_entg_pedi/nom_cida_ende_entg").asText())
        .isEqualTo("S\u00c3\u00a3o Paulo");
  }

  // --- hostile input: rejections or events, never exceptions

  @Test
  void decodeNestingBeyondTheParserLimitIsRejected() {
    String text = withField(minimal(), "x", "[".repeat(5_000) + "]".repeat(5_000));

    assertThat(onlyRejection(text).reason()).isEqualTo(RejectReason.NOT_JSON);
  }

  @Test
  void decodeDeepNestingInAnUnknownFieldKeepsItInRaw() {
    String deep = "[".repeat(900) + "]".repeat(900);

    assertThat(onlyEvent(withField(minimal(), "x", deep)).rawJson()).contains(deep);
  }

  @Test
  void decodeStringBeyondTheParserLimitIsRejected() {
    ObjectNode event = minimal();
    event.put("stat_pedi", "A".repeat(25_000_000));

    assertThat(decode(compact(event))).singleElement().isInstanceOf(Rejected.class);
  }

  @Test
  void decodeLongTextKeepsAllOfIt() {
    ObjectNode event = minimal();
    event.put("stat_pedi", "A".repeat(1_000_000));

    assertThat(parse(onlyEvent(compact(event)).normalizedJson()).get("stat_pedi").asText())
        .hasSize(1_000_000);
  }

  @Test
  void decodeRawNulByteIsNotJson() {
    String inString = compact(minimal()).replace("PAID", "PA\u0000ID");
    String betweenTokens = compact(minimal()).replace(",", ",\u0000");

    assertThat(onlyRejection(inString).reason()).isEqualTo(RejectReason.NOT_JSON);
    assertThat(onlyRejection(betweenTokens).reason()).isEqualTo(RejectReason.NOT_JSON);
  }

  @Test
  void decodeEscapedNulInTextKeepsIt() {
    ObjectNode event = minimal();
    event.put("stat_pedi", "PA\u0000ID");

    assertThat(parse(onlyEvent(compact(event)).normalizedJson()).get("stat_pedi").asText())
        .isEqualTo("PA\u0000ID");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1E+300000000", "-1E+300000000", "1E+999999999"})
  void decodeMoneyWithHugeExponentIsOutOfRangeQuickly(String amount) {
    ObjectNode asNumber = minimal();
    firstLine(asNumber).put("vlr_prod", new BigDecimal(amount));
    ObjectNode asText = minimal();
    firstLine(asText).put("vlr_prod", amount);

    for (ObjectNode event : List.of(asNumber, asText)) {
      Rejected rejected = assertTimeoutPreemptively(QUICKLY, () -> onlyRejection(compact(event)));

      assertThat(rejected.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
      assertThat(rejected.detail()).contains("list_item_pedi[0].vlr_prod");
    }
  }

  @Test
  void decodeMoneyWithTinyExponentRoundsToZeroQuickly() {
    ObjectNode event = minimal();
    firstLine(event).put("vlr_prod", new BigDecimal("1E-300000000"));

    Event decoded = assertTimeoutPreemptively(QUICKLY, () -> onlyEvent(compact(event)));

    assertThat(normalizedLine(decoded).get("vlr_prod").decimalValue()).isEqualByComparingTo("0.00");
  }

  @Test
  void decodeNumberTextOfMillionsOfDigitsIsWrongTypeQuickly() {
    ObjectNode event = minimal();
    firstLine(event)
        .put("vlr_prod", "9".repeat(5_000_000))
        .put("qtd_item_pedi", "9".repeat(5_000_000));

    Rejected rejected = assertTimeoutPreemptively(QUICKLY, () -> onlyRejection(compact(event)));

    assertThat(rejected.reason()).isEqualTo(RejectReason.WRONG_TYPE);
  }

  @Test
  void decodeEveryPrefixOfAnEventIsRejected() {
    String text = compact(minimal());

    for (int end = 0; end < text.length(); end++) {
      String prefix = text.substring(0, end);
      assertThat(decode(prefix)).as(prefix).singleElement().isInstanceOf(Rejected.class);
    }
  }

  @Test
  void decodeRandomlyDamagedInputNeverThrowsAndAlwaysAccountsForIt() {
    Random random = new Random(20_240_305L);
    List<String> inputs = new ArrayList<>();
    String valid = pretty(minimal()) + "\n";
    for (int i = 0; i < 300; i++) {
      inputs.add(damaged(valid, random));
      inputs.add(randomCharacters(random, 1 + random.nextInt(200)));
      inputs.add(valid + damaged(compact(minimal()), random) + "\n" + compact(minimal()));
    }

    for (String input : inputs) {
      assertThatCode(() -> assertThat(decode(input)).isNotEmpty())
          .as(input)
          .doesNotThrowAnyException();
    }
  }

  // --- helpers

  private static byte[] utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static List<DecodeResult> decode(String text) {
    return new EventDecoder().decodeFile(text, SOURCE);
  }

  private static Event onlyEvent(String text) {
    List<DecodeResult> results = decode(text);
    assertThat(results).singleElement().isInstanceOf(Event.class);
    return (Event) results.get(0);
  }

  private static Rejected onlyRejection(String text) {
    List<DecodeResult> results = decode(text);
    assertThat(results).singleElement().isInstanceOf(Rejected.class);
    return (Rejected) results.get(0);
  }

  private static JsonNode normalizedLine(Event event) {
    return parse(event.normalizedJson()).at("/list_item_pedi/0");
  }

  /**
   * The compact event with one more top-level field given as JSON text, for values Jackson would
   * not build.
   */
  private static String withField(ObjectNode event, String name, String json) {
    String text = compact(event);
    return text.substring(0, text.length() - 1) + ",\"" + name + "\":" + json + "}";
  }

  /** {@code text} cut short, or with a few characters replaced, deleted or duplicated. */
  private static String damaged(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits && out.length() > 1; i++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(4)) {
        case 0 -> out.setLength(at);
        case 1 -> out.setCharAt(at, (char) random.nextInt(0x10000));
        case 2 -> out.deleteCharAt(at);
        default -> out.insert(at, out.charAt(at));
      }
    }
    return out.toString();
  }

  /**
   * Any UTF-16 units, lone surrogates and control characters included, with JSON punctuation mixed
   * in.
   */
  private static String randomCharacters(Random random, int length) {
    String punctuation = "{}[]:,\"\\ \n0123456789.eE-+tfn";
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(
          random.nextBoolean()
              ? punctuation.charAt(random.nextInt(punctuation.length()))
              : (char) random.nextInt(0x10000));
    }
    return out.toString();
  }
}
