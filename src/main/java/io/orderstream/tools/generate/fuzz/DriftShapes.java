package io.orderstream.tools.generate.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderstream.event.EventSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Valid events in odd spellings and drifted shapes: new fields at every level, known fields in
 * another but convertible type, optional objects missing, null or empty, unusual text, very long
 * values. Each must land, keeping its unknown fields in the raw event.
 */
final class DriftShapes {
  private final Shapes shapes;
  private final Random random;
  private final int hugeStringChars;

  DriftShapes(Shapes shapes, Random random, int hugeStringChars) {
    this.shapes = shapes;
    this.random = random;
    this.hugeStringChars = hugeStringChars;
  }

  List<Odd> all() {
    List<Odd> all = new ArrayList<>();
    all.add(unknownFieldsEverywhere());
    all.add(pretty("numbers-as-strings", numbersAsStrings(shapes.event())));
    all.add(pretty("version-as-number", versionAsNumber(shapes.event())));
    all.add(
        pretty(
            "count-as-decimal",
            change(
                shapes.event(),
                e -> Shapes.firstLine(e).put("qtd_item_pedi", new BigDecimal("2.0")))));
    all.add(
        pretty(
            "money-as-integer",
            change(shapes.event(), e -> Shapes.firstLine(e).put("vlr_prod", 60))));
    all.add(
        pretty(
            "text-as-number",
            change(shapes.event(), e -> Shapes.customer(e).put("nom_clie", 12345))));
    all.add(
        pretty(
            "missing-optional-objects",
            change(
                shapes.event(),
                e ->
                    e.remove(
                        List.of(
                            "objt_clie",
                            "objt_ende_entg_pedi",
                            "objt_des_rsum",
                            "objt_sub_stat_pedi",
                            "list_envo",
                            "list_prmo",
                            "list_desc_item_pedi",
                            "dat_hor_tran")))));
    all.add(
        pretty(
            "null-optional-objects",
            change(
                shapes.event(),
                e -> {
                  for (String name :
                      List.of(
                          "objt_clie",
                          "objt_ende_entg_pedi",
                          "objt_des_rsum",
                          "list_envo",
                          "list_prmo",
                          "stat_pedi")) {
                    e.putNull(name);
                  }
                })));
    all.add(
        pretty(
            "empty-optional-objects",
            change(
                shapes.event(),
                e -> {
                  e.putObject("objt_clie");
                  e.putObject("objt_ende_entg_pedi");
                  e.putObject("objt_des_rsum");
                  e.putArray("list_envo");
                  e.putArray("list_prmo");
                })));
    all.add(pretty("only-required-fields", onlyRequired(shapes.event())));
    all.add(pretty("no-version", change(shapes.event(), e -> e.remove(EventSchema.VERSION_FIELD))));
    all.add(
        pretty(
            "order-id-padded",
            change(
                shapes.event(),
                e ->
                    e.put(
                        EventSchema.ORDER_ID, " " + e.get(EventSchema.ORDER_ID).asText() + "\t"))));
    all.add(orderIdAsNumber());
    all.add(
        pretty(
            "escaped-nul-in-text",
            change(shapes.event(), e -> Shapes.customer(e).put("nom_clie", "Ana\u0000Souza"))));
    all.add(rawUtf8Text());
    all.add(withByteOrderMark());
    all.add(crlfPretty());
    all.add(hugeUnknownString());
    all.add(longKnownText());
    all.add(deepUnknownNesting());
    return all;
  }

  private Odd unknownFieldsEverywhere() {
    ObjectNode event = shapes.event();
    event.put("x_sales_channel", "app");
    event.putObject("x_meta").put("schema", 3).putArray("tags").add("drift").add("v3");
    Shapes.customer(event).putObject("x_loyalty").put("tier", "gold");
    Shapes.firstLine(event).put("x_warranty_months", 12);
    Shapes.firstShipment(event).put("x_tracking_url", "https://track.example.com/FUZZ");
    ObjectNode summary =
        event.has("objt_des_rsum")
            ? (ObjectNode) event.get("objt_des_rsum")
            : event.putObject("objt_des_rsum");
    summary.put("x_cashback", new BigDecimal("1.50"));
    return pretty(
        "unknown-fields",
        event,
        "x_sales_channel",
        "x_meta",
        "x_loyalty",
        "x_warranty_months",
        "x_tracking_url",
        "x_cashback");
  }

  private static ObjectNode numbersAsStrings(ObjectNode event) {
    ObjectNode line = Shapes.firstLine(event);
    line.put("vlr_prod", "59.90").put("qtd_item_pedi", "2").put("qtd_dia_prz_entg", " 7 ");
    event.put(EventSchema.VERSION_FIELD, "7");
    if (event.path("objt_des_rsum").isObject()) {
      ((ObjectNode) event.get("objt_des_rsum")).put("vlr_totl_pedi", "123.40");
    }
    return event;
  }

  private static ObjectNode versionAsNumber(ObjectNode event) {
    JsonNode version = event.get(EventSchema.VERSION_FIELD);
    event.put(
        EventSchema.VERSION_FIELD,
        version == null || version.isNull() ? 3 : Long.parseLong(version.asText().trim()));
    return event;
  }

  private static ObjectNode onlyRequired(ObjectNode event) {
    ObjectNode minimal = Json.MAPPER.createObjectNode();
    minimal.set(EventSchema.ORDER_ID, event.get(EventSchema.ORDER_ID));
    minimal.set(EventSchema.UPDATED_AT, event.get(EventSchema.UPDATED_AT));
    return minimal;
  }

  /** A numeric order id lands under its digits. */
  private Odd orderIdAsNumber() {
    ObjectNode event = shapes.event();
    long id = 900_000_000_000_000L + random.nextInt(1_000_000);
    event.put(EventSchema.ORDER_ID, id);
    return pretty("order-id-as-number", event);
  }

  /** Accents and a character outside the BMP written as UTF-8 bytes, not escapes. */
  private Odd rawUtf8Text() {
    ObjectNode event = shapes.event();
    Shapes.customer(event).put("nom_clie", "Zo\u00eb \u00d1and\u00fa \uD83D\uDE9A");
    return pretty("raw-utf8-text", event, "Zo\u00eb");
  }

  private Odd withByteOrderMark() {
    ObjectNode event = shapes.event();
    return new Odd(
        "byte-order-mark",
        (Shapes.BYTE_ORDER_MARK + Json.pretty(event)).getBytes(UTF_8),
        Shapes.lands(event));
  }

  private Odd crlfPretty() {
    ObjectNode event = shapes.event();
    return new Odd(
        "crlf-pretty",
        Json.pretty(event).replace("\n", "\r\n").getBytes(UTF_8),
        Shapes.lands(event));
  }

  private Odd hugeUnknownString() {
    ObjectNode event = shapes.event();
    event.put("x_blob", randomLetters(hugeStringChars));
    return compact("huge-unknown-string", event, "x_blob");
  }

  private Odd longKnownText() {
    ObjectNode event = shapes.event();
    Shapes.firstLine(event).put("nom_item", randomLetters(100_000));
    return compact("long-known-text", event);
  }

  /** Nesting the parser accepts (its limit is 1000), inside a field the schema does not know. */
  private Odd deepUnknownNesting() {
    ObjectNode event = shapes.event();
    String text =
        Shapes.withField(event, "x_deep", "[".repeat(400) + "{\"x_leaf\":1}" + "]".repeat(400));
    return new Odd("deep-unknown-nesting", text.getBytes(UTF_8), Shapes.lands(event, "x_leaf"));
  }

  private String randomLetters(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) ('a' + random.nextInt(26)));
    }
    return out.toString();
  }

  private static ObjectNode change(ObjectNode event, Consumer<ObjectNode> edit) {
    edit.accept(event);
    return event;
  }

  private static Odd pretty(String kind, ObjectNode event, String... mustKeep) {
    return new Odd(kind, Json.pretty(event).getBytes(UTF_8), Shapes.lands(event, mustKeep));
  }

  private static Odd compact(String kind, ObjectNode event, String... mustKeep) {
    return new Odd(
        kind, (Json.compact(event) + "\n").getBytes(UTF_8), Shapes.lands(event, mustKeep));
  }
}
