package io.orderstream.model;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderstream.event.DecodeResult;
import io.orderstream.event.DecodedRows;
import io.orderstream.event.EventDecoder;
import io.orderstream.pipeline.ChangedOrders;
import io.orderstream.source.InputRows;
import io.orderstream.testing.SparkTest;
import io.orderstream.testing.SparkTestSession;
import io.orderstream.tools.generate.GeneratedEvent;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.SampleGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The statuses computed on the driver ({@link EventStatuses}) equal those Spark derives with {@code
 * order_item}'s own expressions ({@link StatusHistory#eventStatuses}), event by event: what keeps a
 * history's current period equal to {@code order_item.item_status} on both paths.
 */
@SparkTest
class EventStatusesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path LIFECYCLE = Paths.get("src/test/resources/fixtures/lifecycle");

  @Test
  void theLifecycleFixtureAndGeneratedOrdersGetSparksStatuses() throws IOException {
    List<String> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(LIFECYCLE)) {
      for (Path file : files.sorted().toList()) {
        documents.add(Files.readString(file));
      }
    }
    SampleGenerator.generate(GeneratorSpec.of(80, 7)).stream()
        .map(GeneratedEvent::json)
        .forEach(documents::add);

    assertSameStatuses(documents);
  }

  @Test
  void splitItemsTiesRepeatedKeysAndMissingFieldsGetSparksStatuses() throws IOException {
    ObjectNode base =
        (ObjectNode) JSON.readTree(Files.readString(LIFECYCLE.resolve("NSB7087517859962_ap.json")));
    List<String> documents = new ArrayList<>();
    // The line's item in both shipments, the later entry second, then first.
    documents.add(
        splitItem(base, "V-LATER-SECOND", "2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z"));
    documents.add(splitItem(base, "V-LATER-FIRST", "2024-01-03T00:00:00Z", "2024-01-02T00:00:00Z"));
    // Both entries at the same instant: the entries' keys decide, as array_max's struct order.
    documents.add(splitItem(base, "V-TIE", "2024-01-02T00:00:00Z", "2024-01-02T00:00:00Z"));
    documents.add(
        splitItem(base, "V-TIE-2", "2024-05-06T07:08:09.123456Z", "2024-05-06T07:08:09.123456Z"));
    // One entry without an instant: null ranks below any instant.
    documents.add(splitItem(base, "V-NO-INSTANT", null, "2024-01-02T00:00:00Z"));
    documents.add(splitItem(base, "V-NO-INSTANTS", null, null));

    ObjectNode shipmentStatusOnly = renamed(base, "V-SHIP-STATUS");
    entry(shipmentStatusOnly, 0, 0).remove("stat_entg");
    documents.add(shipmentStatusOnly.toString());
    ObjectNode noStatusAtAll = renamed(base, "V-NO-STATUS");
    entry(noStatusAtAll, 0, 0).remove("stat_entg");
    ((ObjectNode) noStatusAtAll.withArray("list_envo").get(0)).remove("nom_stat_entg");
    documents.add(noStatusAtAll.toString());

    // The same item on three lines, two shipments of one type, one product twice in a shipment.
    ObjectNode repeated = renamed(base, "V-REPEATED");
    ArrayNode lines = repeated.withArray("list_item_pedi");
    lines.add(lines.get(0).deepCopy());
    lines.add(lines.get(0).deepCopy());
    ArrayNode ships = repeated.withArray("list_envo");
    ((ObjectNode) ships.get(1)).put("cod_tipo_entg", ships.get(0).get("cod_tipo_entg").asText());
    ArrayNode items = (ArrayNode) ships.get(1).get("list_item_envo");
    ObjectNode again = items.get(0).deepCopy();
    again.put("cod_prod", lines.get(0).get("cod_vrne_prod").asText());
    again.put("stat_entg", "RETURNED");
    items.add(again);
    documents.add(repeated.toString());

    // Ids holding the key separator and its escape.
    ObjectNode hostile = renamed(base, "A:B\\C");
    ((ObjectNode) hostile.withArray("list_item_pedi").get(0)).put("cod_vrne_prod", "X:1\\");
    entry(hostile, 0, 0).put("cod_prod", "X:1\\");
    documents.add(hostile.toString());

    ObjectNode noShipments = renamed(base, "V-NO-SHIPMENTS");
    noShipments.remove("list_envo");
    documents.add(noShipments.toString());
    ObjectNode emptyLists = renamed(base, "V-EMPTY-LISTS");
    emptyLists.putArray("list_envo");
    documents.add(emptyLists.toString());

    assertSameStatuses(documents);
  }

  /** Decodes each document, derives its statuses both ways, and compares them event by event. */
  private static void assertSameStatuses(List<String> documents) throws IOException {
    EventDecoder decoder = new EventDecoder();
    Map<String, String> onDriver = new TreeMap<>();
    List<Row> inputs = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      String source = "doc-" + i + ".json";
      byte[] bytes = documents.get(i).getBytes(StandardCharsets.UTF_8);
      inputs.add(RowFactory.create(source, bytes));
      List<DecodeResult> decoded = decoder.decodeBytes(bytes, source);
      assertThat(decoded).as(source).hasSize(1);
      assertThat(decoded.get(0)).as(source).isInstanceOf(DecodeResult.Event.class);
      DecodeResult.Event event = (DecodeResult.Event) decoded.get(0);
      JsonNode normalized = JSON.readTree(event.normalizedJson());
      onDriver.put(
          event.eventHash(),
          describe(
              EventStatuses.orderStatus(normalized),
              EventStatuses.lines(event.orderId(), normalized)));
    }

    Winners parsed =
        ChangedOrders.parsed(
            DecodedRows.events(
                DecodedRows.decode(
                    InputRows.readable(
                        SparkTestSession.get()
                            .createDataFrame(
                                inputs,
                                new StructType()
                                    .add(InputRows.SOURCE, DataTypes.StringType)
                                    .add(InputRows.CONTENT, DataTypes.BinaryType))))),
            lit(null));
    List<Row> rows = StatusHistory.eventStatuses(parsed, d -> d.collectAsList());
    Map<String, String> orderStatuses = new TreeMap<>();
    Map<String, List<StatusPeriods.Line>> lines = new TreeMap<>();
    for (Row r : rows) {
      String hash = r.getAs("event_hash");
      if (r.<Boolean>getAs("is_line")) {
        lines
            .computeIfAbsent(hash, h -> new ArrayList<>())
            .add(
                new StatusPeriods.Line(
                    r.getAs("order_item_id"), r.getAs("item_id"), r.getAs("status")));
      } else {
        orderStatuses.put(hash, r.getAs("order_status"));
      }
    }
    Map<String, String> inSpark = new TreeMap<>();
    orderStatuses.forEach(
        (hash, status) -> inSpark.put(hash, describe(status, lines.getOrDefault(hash, List.of()))));

    assertThat(inSpark).hasSize(documents.size());
    assertThat(onDriver).isEqualTo(inSpark);
  }

  /** An order status and its lines, in an order that does not depend on the rows' order. */
  private static String describe(String orderStatus, List<StatusPeriods.Line> lines) {
    return orderStatus
        + " "
        + lines.stream()
            .sorted(Comparator.comparing(StatusPeriods.Line::orderItemId))
            .map(l -> l.orderItemId() + "=" + l.itemId() + "/" + l.status())
            .toList();
  }

  /**
   * {@code base} as order {@code orderId}, with its first line's item in both shipments at the
   * given instants (null: none), each entry with a status of its own.
   */
  private static String splitItem(ObjectNode base, String orderId, String first, String second) {
    ObjectNode event = renamed(base, orderId);
    String item = event.withArray("list_item_pedi").get(0).get("cod_vrne_prod").asText();
    for (int ship = 0; ship < 2; ship++) {
      ObjectNode entry = entry(event, ship, 0);
      entry.put("cod_prod", item);
      entry.put("stat_entg", ship == 0 ? "SENT" : "DELIVERED");
      String at = ship == 0 ? first : second;
      if (at == null) {
        entry.remove("dat_hor_atui_item_entg");
      } else {
        entry.put("dat_hor_atui_item_entg", at);
      }
    }
    return event.toString();
  }

  private static ObjectNode renamed(ObjectNode base, String orderId) {
    ObjectNode copy = base.deepCopy();
    copy.put("txt_detl_idt_pedi_pgto", orderId);
    return copy;
  }

  private static ObjectNode entry(ObjectNode event, int ship, int item) {
    return (ObjectNode) event.withArray("list_envo").get(ship).get("list_item_envo").get(item);
  }
}
