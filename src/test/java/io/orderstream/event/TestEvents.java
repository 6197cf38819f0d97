package io.orderstream.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fixture builder for decoder tests: a minimal valid event that each test changes only where it
 * cares, plus the JSON spellings (compact, pretty) and the bundled fixture files.
 */
final class TestEvents {
  /** Reads decimals exactly, so money can be compared to the cent. */
  static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  static final String ORDER_ID = "ORD0000000000001";
  static final String UPDATED_AT = "2024-03-05T10:15:30.123Z";

  private TestEvents() {}

  /** Order id, dat_atui, version "2", a status, a delivery city and one order line. */
  static ObjectNode minimal() {
    ObjectNode event = JSON.createObjectNode();
    event.put(EventSchema.ORDER_ID, ORDER_ID);
    event.put(EventSchema.UPDATED_AT, UPDATED_AT);
    event.put(EventSchema.VERSION_FIELD, "2");
    event.put("stat_pedi", "PAID");
    event.putObject("objt_ende_entg_pedi").put("nom_cida_ende_entg", "RECIFE");
    ObjectNode line = event.putArray("list_item_pedi").addObject();
    line.put("cod_vrne_prod", "SKU-0001");
    line.put("qtd_item_pedi", 1);
    line.put("vlr_prod", new BigDecimal("59.90"));
    return event;
  }

  /** The minimal event of another order. */
  static ObjectNode minimal(String orderId) {
    ObjectNode event = minimal();
    event.put(EventSchema.ORDER_ID, orderId);
    return event;
  }

  /** The first order line of {@code event}, to change in place. */
  static ObjectNode firstLine(ObjectNode event) {
    return (ObjectNode) event.get("list_item_pedi").get(0);
  }

  static String compact(JsonNode node) {
    return node.toString();
  }

  static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file under {@code src/test/resources/fixtures}. */
  static Path fixture(String name) {
    return io.orderstream.testing.TestFixtures.path(name);
  }

  static String fixtureText(String name) {
    try {
      return Files.readString(fixture(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
