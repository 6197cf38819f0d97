package io.orderstream.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Checks one event document against {@link EventSchema} and builds its normalized form.
 *
 * <p>The normalized form holds only known fields, each of the type Spark will read it as: money
 * rounded to cents, counts as whole numbers, instants in the canonical layout, text repaired of
 * double encoding. Values that can be read losslessly are accepted in another JSON type (a count
 * written {@code 2.0} or {@code "2"}); anything else rejects the whole event with the path of the
 * first offending field, because landing part of an order would misstate it.
 */
final class EventNormalizer {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  /** The smallest amount that rounds beyond DECIMAL(18,2). */
  private static final BigDecimal TOO_MUCH_MONEY = new BigDecimal("9999999999999999.995");

  private static final BigDecimal HALF_CENT = new BigDecimal("0.005");

  /** Jackson's limit for a JSON number; longer numeric text takes quadratic time to read. */
  private static final int MAX_NUMBER_CHARS = 1000;

  ObjectNode normalize(JsonNode document) throws InvalidEventException {
    if (!document.isObject()) {
      throw new InvalidEventException(
          RejectReason.NOT_AN_OBJECT, "expected a JSON object, got " + describe(document));
    }
    requireKey(document, EventSchema.ORDER_ID, RejectReason.MISSING_ORDER_ID);
    requireKey(document, EventSchema.UPDATED_AT, RejectReason.MISSING_UPDATED_AT);
    return normalizeObject(EventSchema.ROOT, document, "");
  }

  private static void requireKey(JsonNode document, String key, RejectReason reason)
      throws InvalidEventException {
    JsonNode value = document.get(key);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      throw new InvalidEventException(reason, key + " is missing or empty");
    }
  }

  private ObjectNode normalizeObject(EventField definition, JsonNode node, String path)
      throws InvalidEventException {
    ObjectNode out = NODES.objectNode();
    // In the schema's order, so that of several offending fields the same one is reported in
    // every run.
    for (EventField field : definition.children()) {
      JsonNode value = node.get(field.name());
      String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
      if (value == null || value.isNull()) {
        if (field.required()) {
          throw new InvalidEventException(RejectReason.MISSING_FIELD, fieldPath + " is required");
        }
        continue;
      }
      out.set(field.name(), normalizeValue(field, value, fieldPath));
    }
    return out;
  }

  private JsonNode normalizeValue(EventField field, JsonNode value, String path)
      throws InvalidEventException {
    return switch (field.kind()) {
      case TEXT -> NODES.textNode(text(field, value, path));
      case COUNT, VERSION -> NODES.numberNode(wholeNumber(value, path));
      case MONEY -> NODES.numberNode(money(value, path));
      case INSTANT -> NODES.textNode(Timestamps.canonical(instant(value, path)));
      case RAW_JSON -> NODES.textNode(value.isTextual() ? value.asText() : value.toString());
      case OBJECT -> {
        if (!value.isObject()) {
          throw wrongType(path, "an object", value);
        }
        yield normalizeObject(field, value, path);
      }
      case LIST -> normalizeList(field, value, path);
    };
  }

  private ArrayNode normalizeList(EventField field, JsonNode value, String path)
      throws InvalidEventException {
    if (!value.isArray()) {
      throw wrongType(path, "a list", value);
    }
    if (value.size() > EventSchema.MAX_LIST_ENTRIES) {
      throw new InvalidEventException(
          RejectReason.OUT_OF_RANGE,
          path
              + ": "
              + value.size()
              + " entries, at most "
              + EventSchema.MAX_LIST_ENTRIES
              + " are accepted");
    }
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < value.size(); i++) {
      String elementPath = path + "[" + i + "]";
      JsonNode element = value.get(i);
      if (!element.isObject()) {
        throw wrongType(elementPath, "an object", element);
      }
      out.add(normalizeObject(field, element, elementPath));
    }
    return out;
  }

  private static String text(EventField field, JsonNode value, String path)
      throws InvalidEventException {
    if (!value.isValueNode()) {
      throw wrongType(path, "text", value);
    }
    String text = TextRepair.repair(value.asText());
    if (field.required() && text.isBlank()) {
      throw new InvalidEventException(RejectReason.MISSING_FIELD, path + " is required");
    }
    return field.name().equals(EventSchema.ORDER_ID) ? text.trim() : text;
  }

  private static long wholeNumber(JsonNode value, String path) throws InvalidEventException {
    BigDecimal number = number(value, path, "a whole number");
    if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
      throw wrongType(path, "a whole number", value);
    }
    try {
      return number.longValueExact();
    } catch (ArithmeticException tooLarge) {
      throw new InvalidEventException(
          RejectReason.OUT_OF_RANGE,
          path + ": expected a whole number that fits BIGINT, got " + describe(value));
    }
  }

  /**
   * Range is checked before rounding: rounding 1E+300000000 or 1E-300000000 to cents would build a
   * number of 300 million digits.
   */
  private static BigDecimal money(JsonNode value, String path) throws InvalidEventException {
    BigDecimal amount = number(value, path, "an amount of money");
    if (amount.abs().compareTo(TOO_MUCH_MONEY) >= 0) {
      throw new InvalidEventException(
          RejectReason.OUT_OF_RANGE,
          path + ": expected an amount that fits DECIMAL(18,2), got " + describe(value));
    }
    if (amount.abs().compareTo(HALF_CENT) < 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  private static BigDecimal number(JsonNode value, String path, String expected)
      throws InvalidEventException {
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual() && value.asText().length() <= MAX_NUMBER_CHARS) {
      try {
        return new BigDecimal(value.asText().trim());
      } catch (NumberFormatException notNumeric) {
        throw wrongType(path, expected, value);
      }
    }
    throw wrongType(path, expected, value);
  }

  private static Instant instant(JsonNode value, String path) throws InvalidEventException {
    if (!value.isTextual()) {
      throw new InvalidEventException(
          RejectReason.BAD_TIMESTAMP,
          path + ": expected an ISO-8601 timestamp, got " + describe(value));
    }
    return Timestamps.parse(value.asText())
        .orElseThrow(
            () ->
                new InvalidEventException(
                    RejectReason.BAD_TIMESTAMP,
                    path + ": expected an ISO-8601 timestamp, got " + describe(value)));
  }

  private static InvalidEventException wrongType(String path, String expected, JsonNode value) {
    return new InvalidEventException(
        RejectReason.WRONG_TYPE, path + ": expected " + expected + ", got " + describe(value));
  }

  private static String describe(JsonNode value) {
    String shown = value.toString();
    String kind = value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    return kind + " " + (shown.length() > 60 ? shown.substring(0, 57) + "..." : shown);
  }
}
