package io.orderstream.tools.generate.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderstream.event.EventSchema;
import io.orderstream.event.RejectReason;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Makes the odd and broken shapes of the corpus from one template event (a rich generated event).
 * Every event made here gets an order id of its own, so a shape that lands by mistake shows up as
 * an unexpected order instead of silently changing a generated one.
 */
final class Shapes {
  static final String BYTE_ORDER_MARK = "\uFEFF";

  private final ObjectNode template;
  private final String idPrefix;
  private int issued;

  Shapes(ObjectNode template, long seed) {
    this.template = template;
    this.idPrefix = "FUZZ" + Long.toUnsignedString(seed, 36).toUpperCase(Locale.ROOT) + "-";
  }

  /** A copy of the template under a new order id. */
  ObjectNode event() {
    ObjectNode event = template.deepCopy();
    event.put(EventSchema.ORDER_ID, String.format(Locale.ROOT, "%s%05d", idPrefix, ++issued));
    return event;
  }

  /** What a valid event must land as; {@code mustKeep} must survive in its raw event. */
  static FuzzInput.Lands lands(JsonNode event, String... mustKeep) {
    JsonNode version = event.get(EventSchema.VERSION_FIELD);
    return new FuzzInput.Lands(
        event.get(EventSchema.ORDER_ID).asText().trim(),
        Instant.parse(event.get(EventSchema.UPDATED_AT).asText()),
        version == null || version.isNull() ? null : Long.valueOf(version.asText().trim()),
        List.of(mustKeep));
  }

  // --- broken inputs that fit on one line: JSON Lines lines, array elements, whole files

  /** Every one-line broken shape, each once; those that are JSON values can be array elements. */
  List<Broken> brokenLines() {
    List<Broken> all = new ArrayList<>();
    all.add(
        text(
            "truncated-line",
            truncatedAfterComma(Json.compact(event())),
            RejectReason.TRUNCATED,
            false));
    all.add(
        text(
            "html-error-page",
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            RejectReason.NOT_JSON,
            false));
    all.add(
        text(
            "raw-nul-byte",
            Json.compact(event())
                .replace(
                    "\"" + EventSchema.UPDATED_AT + "\"",
                    "\u0000\"" + EventSchema.UPDATED_AT + "\""),
            RejectReason.NOT_JSON,
            false));
    all.add(
        text(
            "two-documents-one-line",
            Json.compact(event()) + Json.compact(event()),
            RejectReason.NOT_JSON,
            false));
    all.add(
        text(
            "nesting-beyond-parser-limit",
            withField(event(), "x_deep", "[".repeat(5_000) + "]".repeat(5_000)),
            RejectReason.NOT_JSON,
            false));
    all.add(invalidUtf8Line());
    all.add(text("scalar-number", "42", RejectReason.NOT_AN_OBJECT, true));
    all.add(text("scalar-string", "\"PAID\"", RejectReason.NOT_AN_OBJECT, true));
    all.add(text("scalar-null", "null", RejectReason.NOT_AN_OBJECT, true));
    all.add(
        text(
            "nested-array",
            "[" + Json.compact(Json.MAPPER.createArrayNode().add(event())) + "]",
            RejectReason.NOT_AN_OBJECT,
            true));
    all.add(text("empty-object", "{}", RejectReason.MISSING_ORDER_ID, true));
    all.add(
        mutated(
            "order-id-empty",
            RejectReason.MISSING_ORDER_ID,
            e -> e.put(EventSchema.ORDER_ID, "  ")));
    all.add(
        mutated(
            "missing-dat_atui",
            RejectReason.MISSING_UPDATED_AT,
            e -> e.remove(EventSchema.UPDATED_AT)));
    all.add(
        mutated(
            "null-dat_atui",
            RejectReason.MISSING_UPDATED_AT,
            e -> e.putNull(EventSchema.UPDATED_AT)));
    all.add(
        mutated(
            "bad-timestamp",
            RejectReason.BAD_TIMESTAMP,
            e -> e.put(EventSchema.UPDATED_AT, "ontem 16:52")));
    all.add(
        mutated(
            "timestamp-as-number",
            RejectReason.BAD_TIMESTAMP,
            e -> e.put(EventSchema.UPDATED_AT, 1_710_000_000L)));
    all.add(
        mutated(
            "bad-nested-timestamp",
            RejectReason.BAD_TIMESTAMP,
            e -> e.put("dat_hor_tran", "31/02/2024 25:61")));
    all.add(
        mutated(
            "money-not-a-number",
            RejectReason.WRONG_TYPE,
            e -> firstLine(e).put("vlr_prod", "abc")));
    all.add(
        mutated(
            "money-became-object",
            RejectReason.WRONG_TYPE,
            e -> {
              ObjectNode line = firstLine(e);
              line.putObject("vlr_prod")
                  .put("amount", new java.math.BigDecimal("59.90"))
                  .put("currency", "BRL");
            }));
    all.add(
        mutated(
            "list-became-object",
            RejectReason.WRONG_TYPE,
            e -> e.set("list_item_pedi", firstLine(e).deepCopy())));
    all.add(
        mutated(
            "object-became-text",
            RejectReason.WRONG_TYPE,
            e -> e.put("objt_clie", "see customer service")));
    all.add(
        mutated(
            "count-with-fraction",
            RejectReason.WRONG_TYPE,
            e -> firstLine(e).put("qtd_item_pedi", 2.5)));
    all.add(
        mutated(
            "text-became-object",
            RejectReason.WRONG_TYPE,
            e -> customer(e).putObject("nom_clie").put("first", "Ana")));
    all.add(
        mutated(
            "order-id-as-object",
            RejectReason.WRONG_TYPE,
            e -> e.putObject(EventSchema.ORDER_ID).put("id", "X")));
    all.add(
        mutated(
            "version-not-a-number",
            RejectReason.WRONG_TYPE,
            e -> e.put(EventSchema.VERSION_FIELD, "v7")));
    all.add(
        mutated(
            "money-beyond-decimal",
            RejectReason.OUT_OF_RANGE,
            e -> firstLine(e).put("vlr_prod", new java.math.BigDecimal("1E+30"))));
    all.add(
        mutated(
            "count-beyond-bigint",
            RejectReason.OUT_OF_RANGE,
            e -> firstLine(e).put("qtd_item_pedi", new java.math.BigDecimal("1E+20"))));
    all.add(
        mutated(
            "too-many-lines",
            RejectReason.OUT_OF_RANGE,
            e -> {
              for (int i = 0; i < EventSchema.MAX_LIST_ENTRIES; i++) {
                e.withArray("list_item_pedi").add(firstLine(e).deepCopy());
              }
            }));
    all.add(
        mutated(
            "line-without-item-id",
            RejectReason.MISSING_FIELD,
            e -> firstLine(e).remove("cod_vrne_prod")));
    all.add(
        mutated(
            "shipment-without-type",
            RejectReason.MISSING_FIELD,
            e -> firstShipment(e).remove("cod_tipo_entg")));
    all.add(
        mutated(
            "promotion-without-code",
            RejectReason.MISSING_FIELD,
            e -> e.withArray("list_prmo").addObject().put("nom_prmo", "Frete gratis")));
    return all;
  }

  /**
   * Broken shapes that only exist as whole files (several lines, or defects of the file as a
   * whole).
   */
  List<Broken> brokenFiles() {
    List<Broken> all = new ArrayList<>();
    all.add(new Broken("empty-file", new byte[0], RejectReason.EMPTY, false));
    all.add(text("blank-file", "  \n\t\r\n\n", RejectReason.EMPTY, false));
    all.add(text("byte-order-mark-only", BYTE_ORDER_MARK + "\n", RejectReason.EMPTY, false));
    all.add(text("empty-array", "[ ]\n", RejectReason.EMPTY, false));
    all.add(
        text(
            "truncated-pretty",
            truncatedAfterComma(Json.pretty(event())),
            RejectReason.TRUNCATED,
            false));
    all.add(
        text(
            "two-pretty-documents",
            Json.pretty(event()) + "\n" + Json.pretty(event()),
            RejectReason.NOT_JSON,
            false));
    all.add(
        new Broken(
            "latin-1-file",
            Json.pretty(withText(event(), "S\u00e3o Jos\u00e9")).getBytes(ISO_8859_1),
            RejectReason.NOT_UTF8,
            false));
    all.add(
        new Broken(
            "utf-16-file",
            (BYTE_ORDER_MARK + Json.pretty(event())).getBytes(UTF_16LE),
            RejectReason.NOT_UTF8,
            false));
    return all;
  }

  // --- helpers

  private Broken mutated(String kind, RejectReason reason, Consumer<ObjectNode> change) {
    ObjectNode event = event();
    change.accept(event);
    return text(kind, Json.compact(event), reason, true);
  }

  private Broken invalidUtf8Line() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String text = Json.compact(withText(event(), "@@"));
    int at = text.indexOf("@@");
    out.writeBytes(text.substring(0, at).getBytes(UTF_8));
    out.writeBytes(new byte[] {'S', (byte) 0xE3, 'o', ' ', (byte) 0x80, (byte) 0xC0, (byte) 0xAF});
    out.writeBytes(text.substring(at + 2).getBytes(UTF_8));
    return new Broken("invalid-utf8-line", out.toByteArray(), RejectReason.NOT_UTF8, false);
  }

  private static Broken text(String kind, String text, RejectReason reason, boolean json) {
    return new Broken(kind, text.getBytes(UTF_8), reason, json);
  }

  /**
   * Cut right after a comma about halfway: the parser sees the input end where a value must follow.
   */
  static String truncatedAfterComma(String json) {
    int comma = json.indexOf(',', json.length() / 2);
    return json.substring(0, (comma < 0 ? json.lastIndexOf(',') : comma) + 1);
  }

  /** The compact event with one more top-level field given as JSON text. */
  static String withField(ObjectNode event, String name, String json) {
    String text = Json.compact(event);
    return text.substring(0, text.length() - 1) + ",\"" + name + "\":" + json + "}";
  }

  private static ObjectNode withText(ObjectNode event, String cityName) {
    ObjectNode address =
        event.has("objt_ende_entg_pedi") && event.get("objt_ende_entg_pedi").isObject()
            ? (ObjectNode) event.get("objt_ende_entg_pedi")
            : event.putObject("objt_ende_entg_pedi");
    address.put("nom_cida_ende_entg", cityName);
    return event;
  }

  static ObjectNode firstLine(ObjectNode event) {
    ArrayNode lines = event.withArray("list_item_pedi");
    if (lines.isEmpty()) {
      lines.addObject().put("cod_vrne_prod", "FUZZ-SKU");
    }
    return (ObjectNode) lines.get(0);
  }

  static ObjectNode firstShipment(ObjectNode event) {
    ArrayNode shipments = event.withArray("list_envo");
    if (shipments.isEmpty()) {
      shipments.addObject().put("cod_tipo_entg", "FUZZ-SHIP").put("cod_venr", "FUZZ-SELLER");
    }
    return (ObjectNode) shipments.get(0);
  }

  static ObjectNode customer(ObjectNode event) {
    JsonNode customer = event.get("objt_clie");
    return customer != null && customer.isObject()
        ? (ObjectNode) customer
        : event.putObject("objt_clie");
  }
}
