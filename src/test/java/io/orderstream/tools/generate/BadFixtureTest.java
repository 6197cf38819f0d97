package io.orderstream.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file of the "bad" fixture has exactly the defect {@code bad-expected.json} names for it.
 */
class BadFixtureTest {
  private static final Path BAD = Fixtures.path("bad");

  @Test
  void expectationListsEveryBadFileAndNothingElse() throws IOException {
    try (Stream<Path> files = Files.list(BAD)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(expectedReasons().keySet());
    }
  }

  @Test
  void expectationUsesOnlyTheAgreedReasonKeywords() {
    assertThat(expectedReasons().values())
        .isSubsetOf(
            "not-json",
            "truncated",
            "empty",
            "missing-order-id",
            "missing-dat_atui",
            "bad-timestamp",
            "wrong-type");
    assertThat(expectedReasons().values())
        .contains(
            "not-json",
            "truncated",
            "empty",
            "missing-order-id",
            "missing-dat_atui",
            "bad-timestamp",
            "wrong-type");
  }

  @Test
  void eachBadFileHasTheDefectOfItsReason() throws IOException {
    for (Map.Entry<String, String> bad : expectedReasons().entrySet()) {
      String content = Files.readString(BAD.resolve(bad.getKey()), StandardCharsets.UTF_8);
      if (bad.getKey().endsWith(".jsonl")) {
        continue;
      }
      switch (bad.getValue()) {
        case "empty" -> assertThat(content).isEmpty();
        case "not-json" ->
            assertThatThrownBy(() -> EventJson.MAPPER.readTree(content))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageNotContaining("end-of-input");
        case "truncated" ->
            assertThatThrownBy(() -> EventJson.MAPPER.readTree(content))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("end-of-input");
        case "missing-order-id" ->
            assertThat(tree(content).has("txt_detl_idt_pedi_pgto")).isFalse();
        case "missing-dat_atui" -> assertThat(tree(content).has("dat_atui")).isFalse();
        case "bad-timestamp" ->
            assertThatThrownBy(() -> Instant.parse(tree(content).get("dat_atui").asText()))
                .isInstanceOf(DateTimeParseException.class);
        case "wrong-type" -> assertThat(hasWrongType(tree(content))).as(bad.getKey()).isTrue();
        default -> throw new AssertionError("No check for reason " + bad.getValue());
      }
    }
  }

  @Test
  void badEventsThatParseAreOtherwiseCompleteEvents() throws IOException {
    for (String name :
        List.of(
            "missing-order-id.json",
            "missing-dat_atui.json",
            "bad-timestamp.json",
            "wrong-type-list.json",
            "wrong-type-number.json")) {
      JsonNode event = tree(Files.readString(BAD.resolve(name)));
      assertThat(event.has("objt_clie") && event.has("list_item_pedi") && event.has("stat_pedi"))
          .as(name)
          .isTrue();
    }
  }

  @Test
  void jsonlFileHasTwoValidEventsAroundOneBrokenLine() throws IOException {
    List<String> lines = Files.readAllLines(BAD.resolve("mixed.jsonl"), StandardCharsets.UTF_8);

    assertThat(lines).hasSize(3);
    List<GeneratedEvent> valid = new ArrayList<>();
    valid.add(GeneratedEvent.parse("mixed.jsonl", lines.get(0)));
    valid.add(GeneratedEvent.parse("mixed.jsonl", lines.get(2)));
    assertThatThrownBy(() -> EventJson.MAPPER.readTree(lines.get(1)))
        .isInstanceOf(JsonProcessingException.class);
    assertThat(ExpectedState.of(valid).orders()).hasSize(1);
    assertThat(valid)
        .extracting(GeneratedEvent::status)
        .containsExactly("PRE-ORDER", "IN-PROCESSING");
  }

  private static boolean hasWrongType(JsonNode event) {
    JsonNode lines = event.get("list_item_pedi");
    return !lines.isArray() || !lines.get(0).get("vlr_prod").isNumber();
  }

  private static JsonNode tree(String content) throws JsonProcessingException {
    return EventJson.MAPPER.readTree(content);
  }

  private static Map<String, String> expectedReasons() {
    Map<String, String> reasons = new TreeMap<>();
    Fixtures.json("bad-expected.json")
        .properties()
        .forEach(f -> reasons.put(f.getKey(), f.getValue().asText()));
    return reasons;
  }
}
