package io.orderstream.tools.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One event as generated (or read back from a file): its identity fields and its exact JSON text.
 *
 * @param orderId {@code txt_detl_idt_pedi_pgto}
 * @param datAtui {@code dat_atui}
 * @param version {@code num_ulti_vers_sist} as a number; null when the event has none
 * @param status {@code stat_pedi}
 * @param json the event exactly as written in its file: pretty for .json files, one line for .jsonl
 * @param fileName the file (no folder) the event is written to; several events share a .jsonl file
 */
public record GeneratedEvent(
    String orderId, Instant datAtui, Long version, String status, String json, String fileName) {

  private static final Comparator<GeneratedEvent> RECENCY =
      Comparator.comparing(GeneratedEvent::datAtui)
          .thenComparing(GeneratedEvent::version, Comparator.nullsFirst(Comparator.naturalOrder()));

  public GeneratedEvent {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(datAtui, "datAtui");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(fileName, "fileName");
  }

  /**
   * Oldest first, as MODEL.md ranks events: by {@code dat_atui}, then by version with a missing
   * version lowest. The winning event of an order is the greatest.
   */
  public static Comparator<GeneratedEvent> recency() {
    return RECENCY;
  }

  /** Reads the identity fields from an event's JSON text; the text is kept as it is. */
  public static GeneratedEvent parse(String fileName, String json) {
    JsonNode node;
    try {
      node = EventJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Not a JSON event in " + fileName + ": " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("Not a JSON object in " + fileName);
    }
    JsonNode version = node.get("num_ulti_vers_sist");
    return new GeneratedEvent(
        required(node, "txt_detl_idt_pedi_pgto", fileName),
        Instant.parse(required(node, "dat_atui", fileName)),
        version == null || version.isNull() ? null : Long.valueOf(version.asText()),
        node.path("stat_pedi").asText(),
        json,
        fileName);
  }

  private static String required(JsonNode event, String field, String fileName) {
    JsonNode value = event.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException("Event in " + fileName + " has no text field " + field);
    }
    return value.asText();
  }
}
