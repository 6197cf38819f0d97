package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 26-event lifecycle fixture (five orders mirroring MODEL.md section 4) through the real
 * streaming query: the end state, each table's mapping, and that the end state does not depend on
 * how the events are batched or ordered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SparkTest
class LifecyclePipelineTest {
  private static final String LIFECYCLE = "lifecycle";

  /** The order with two lines, two shipments, a dat_atui tie and a missing version. */
  private static final String TWO_SHIPMENTS = "NSB7087517859962";

  private Path allAtOnceDir;
  private PipelineHarness allAtOnce;
  private JsonNode expected;
  private RunSummary summary;

  @BeforeAll
  void runAllEventsInOneBatch(@TempDir Path dir) throws IOException {
    allAtOnceDir = dir;
    expected =
        new ObjectMapper().readTree(getClass().getResource("/fixtures/lifecycle-expected.json"));
    allAtOnce =
        new PipelineHarness(allAtOnceDir).add(LIFECYCLE, PipelineHarness.fixtureNames(LIFECYCLE));
    summary = allAtOnce.runOnceCountingTables();
    assertThat(summary.batches()).isEqualTo(1);
  }

  @Test
  void runSummaryCountsEveryTableAsItStandsAfterTheRun() {
    assertThat(summary.tables())
        .extracting(RunSummary.TableCount::table)
        .containsExactlyInAnyOrderElementsOf(Tables.all().stream().map(TableDef::name).toList());
    summary
        .tables()
        .forEach(
            count ->
                assertThat(count.rows())
                    .as(count.table())
                    .isEqualTo(allAtOnce.table(count.table()).count()));
  }

  // ---- end state --------------------------------------------------------------------------

  @Test
  void allEventsTotalsMatchModelSectionFour() {
    expected
        .get("totals")
        .fields()
        .forEachRemaining(
            total ->
                assertThat(allAtOnce.table(total.getKey()).count())
                    .as(total.getKey())
                    .isEqualTo(total.getValue().asLong()));
    assertThat(allAtOnce.table("quarantine").count()).isZero();
  }

  @Test
  void allEventsEachOrderHoldsItsWinningEvent() {
    expected
        .get("orders")
        .fields()
        .forEachRemaining(
            entry -> {
              String order = entry.getKey();
              JsonNode want = entry.getValue();
              Row latest =
                  allAtOnce.table("order_event_latest").where("order_id = '" + order + "'").first();
              assertThat(latest.<Timestamp>getAs("updated_at").toInstant())
                  .as(order)
                  .isEqualTo(Instant.parse(want.get("dat_atui").asText()));
              assertThat(latest.<Long>getAs("version"))
                  .as(order)
                  .isEqualTo(want.get("version").isNull() ? null : want.get("version").asLong());
              assertThat(latest.<String>getAs("source"))
                  .as(order)
                  .endsWith("/" + want.get("file").asText());
              assertThat(countOf("order_item", order))
                  .as(order + " lines")
                  .isEqualTo(want.get("lines").asLong());
              assertThat(countOf("shipment", order))
                  .as(order + " shipments")
                  .isEqualTo(want.get("shipments").asLong());
              assertThat(countOf("item_shipment", order))
                  .as(order + " item shipments")
                  .isEqualTo(want.get("item_shipments").asLong());
              assertThat(countOf("order_promotion", order))
                  .as(order + " promotions")
                  .isEqualTo(want.get("promotions").asLong());
              List<Row> statuses =
                  allAtOnce
                      .table("order_item")
                      .where("order_id = '" + order + "'")
                      .select("order_status")
                      .distinct()
                      .collectAsList();
              assertThat(statuses)
                  .extracting(r -> r.getString(0))
                  .as(order)
                  .containsExactly(want.get("status").asText());
            });
  }

  @Test
  void allEventsKeysUniqueAndForeignKeysResolve() {
    allAtOnce.assertKeysAndForeignKeys();
  }

  // ---- mappings ---------------------------------------------------------------------------

  @Test
  void orderItemMapsLineSummaryAndShipmentFields() {
    Row line =
        allAtOnce.table("order_item").where("id = 'NSB7087517859962:MKU-j2wPTF5uArSZ5'").first();
    assertThat(line.<String>getAs("order_id")).isEqualTo(TWO_SHIPMENTS);
    assertThat(line.<String>getAs("item_id")).isEqualTo("MKU-j2wPTF5uArSZ5");
    assertThat(line.<BigDecimal>getAs("shipping_cost")).isEqualByComparingTo("8.90");
    assertThat(line.<BigDecimal>getAs("shipping_discount")).isEqualByComparingTo("0.00");
    assertThat(line.<BigDecimal>getAs("final_shipping_cost")).isEqualByComparingTo("8.90");
    assertThat(line.<Long>getAs("estimated_business_days")).isEqualTo(1L);
    assertThat(line.<String>getAs("delivery_method_name"))
        .as("double encoding repaired")
        .isEqualTo("Entrega padrão");
    assertThat(line.<Long>getAs("summary_items")).isEqualTo(2L);
    assertThat(line.<String>getAs("payment_status")).isEqualTo("PAID");
    assertThat(line.<String>getAs("order_status")).isEqualTo("DELIVERED");
    assertThat(line.<String>getAs("item_status")).isEqualTo("DELIVERED");
    assertThat(line.<String>getAs("customer_id")).isEqualTo("xxxx-4898-xxxx-0a49-882c83d92332");
    assertThat(line.<Long>getAs("item_shipment_id")).isNotNull();
    assertThat(line.<Timestamp>getAs("updated_at").toInstant())
        .isEqualTo(Instant.parse("2024-07-08T18:03:26.260Z"));
    Row itemShipment =
        allAtOnce
            .table("item_shipment")
            .where("id = " + line.<Long>getAs("item_shipment_id"))
            .first();
    assertThat(itemShipment.<String>getAs("item_id")).isEqualTo("MKU-j2wPTF5uArSZ5");
    assertThat(itemShipment.<String>getAs("order_id")).isEqualTo(TWO_SHIPMENTS);
  }

  @Test
  void dimensionsMapCustomerAddressItemSellerPromotion() {
    Row customer =
        allAtOnce.table("customer").where("id = 'xxxx-4898-xxxx-0a49-882c83d92332'").first();
    assertThat(customer.<String>getAs("name")).isEqualTo("MARCOS");
    assertThat(customer.<String>getAs("email")).isEqualTo("MARCOS42@EXAMPLE.COM");
    assertThat(customer.<String>getAs("phone_area_code")).isEqualTo("71");
    assertThat(customer.<String>getAs("type")).isEqualTo("individual");

    Row item = allAtOnce.table("item").where("id = 'MKU-H6cOkjOLPZjjH'").first();
    assertThat(item.<String>getAs("name")).isEqualTo("Kit Banho Ervas Finas");
    assertThat(item.<String>getAs("seller_id")).isEqualTo("jfOogccj69");
    assertThat(item.<String>getAs("seller_sku_id")).isEqualTo("0893143");
    assertThat(item.<String>getAs("warehouse_id")).isEqualTo("default");
    assertThat(item.<BigDecimal>getAs("price")).isEqualByComparingTo("59.90");
    assertThat(item.<BigDecimal>getAs("original_price")).isEqualByComparingTo("106.50");
    assertThat(item.<Boolean>getAs("lineage_complete")).isTrue();

    Row seller = allAtOnce.table("seller").where("id = 'jfOogccj69'").first();
    assertThat(seller.<String>getAs("name")).isEqualTo("Loja Aurora");

    Row address = allAtOnce.table("delivery_address").where("city = 'SALVADOR'").first();
    assertThat(address.<String>getAs("street")).isEqualTo("TV MONTE ALEGRE");
    assertThat(address.<String>getAs("zip_code")).isEqualTo("40141-823");
    Row line = allAtOnce.table("order_item").where("order_id = '" + TWO_SHIPMENTS + "'").first();
    assertThat(line.<Long>getAs("delivery_address_id")).isEqualTo(address.<Long>getAs("id"));

    Row promotion = allAtOnce.table("promotion").first();
    Row bridge = allAtOnce.table("order_promotion").first();
    assertThat(bridge.<String>getAs("promotion_id")).isEqualTo(promotion.getAs("id"));
    Row promoted =
        allAtOnce
            .table("order_item")
            .where("order_id = '" + bridge.getAs("order_id") + "'")
            .first();
    assertThat(promoted.<String>getAs("promotion_id")).isEqualTo(promotion.getAs("id"));
  }

  @Test
  void shipmentAndItemShipmentMapBillingTrackingAndDelivery() {
    Row shipment = allAtOnce.table("shipment").where("shipment_code = '3h49034tE_c64'").first();
    assertThat(shipment.<String>getAs("order_id")).isEqualTo(TWO_SHIPMENTS);
    assertThat(shipment.<String>getAs("status")).isEqualTo("DELIVERED");
    assertThat(shipment.<String>getAs("seller_id")).isEqualTo("jfOogccj69");
    assertThat(shipment.<String>getAs("billing_number")).isEqualTo("3908435");
    assertThat(shipment.<String>getAs("billing_serial")).isEqualTo("1");
    assertThat(shipment.<Timestamp>getAs("billing_issue_date").toInstant())
        .isEqualTo(Instant.parse("2024-07-04T13:10:34.607Z"));
    assertThat(shipment.<String>getAs("tracking_protocol")).isEqualTo("3908435");
    assertThat(shipment.<String>getAs("tracking_carrier"))
        .as("double encoding repaired")
        .isEqualTo("Padrão");
    assertThat(shipment.<Timestamp>getAs("tracking_send_date").toInstant())
        .isEqualTo(Instant.parse("2024-07-04T13:10:34.607Z"));
    assertThat(shipment.<Timestamp>getAs("delivered_date").toInstant())
        .isEqualTo(Instant.parse("2024-07-08T14:19:11Z"));
    assertThat(shipment.<String>getAs("substatus_description")).isNull();

    Row entry =
        allAtOnce
            .table("item_shipment")
            .where("shipment_id = " + shipment.<Long>getAs("id"))
            .first();
    assertThat(entry.<String>getAs("item_id")).isEqualTo("MKU-H6cOkjOLPZjjH");
    assertThat(entry.<String>getAs("seller_id")).isEqualTo("jfOogccj69");
    assertThat(entry.<String>getAs("seller_item_code")).isEqualTo("0893143");
    assertThat(entry.<Long>getAs("quantity")).isEqualTo(1L);
    assertThat(entry.<String>getAs("status")).isEqualTo("DELIVERED");
  }

  @Test
  void latestEventKeepsTheRawJsonAsItArrived() throws IOException {
    Row latest =
        allAtOnce.table("order_event_latest").where("order_id = '" + TWO_SHIPMENTS + "'").first();
    String file =
        java.nio.file.Files.readString(
            PipelineHarness.fixture(LIFECYCLE).resolve(TWO_SHIPMENTS + "_az.json"));
    assertThat(latest.<String>getAs("raw_event")).isEqualTo(file);
  }

  @Test
  void shipmentsOfTiedOrderComeFromVersionFourNotThree() {
    // Versions 3 and 4 share dat_atui; 4 lists the second shipment, 3 does not; 7 (the winner)
    // keeps both.
    List<Row> shipments =
        allAtOnce.table("shipment").where("order_id = '" + TWO_SHIPMENTS + "'").collectAsList();
    assertThat(shipments).hasSize(2);
    assertThat(shipments).extracting(r -> r.<String>getAs("status")).containsOnly("DELIVERED");
    assertThat(shipments).extracting(r -> r.<String>getAs("seller_id")).doesNotContainNull();
  }

  @Test
  void tablesAndColumnsCarryComments() {
    for (var def : Tables.all()) {
      Dataset<Row> table = allAtOnce.table(def.name());
      for (StructField field : table.schema().fields()) {
        assertThat(field.getComment().isDefined())
            .as("%s.%s has a comment", def.name(), field.name())
            .isTrue();
      }
      Row detail =
          io.delta.tables.DeltaTable.forPath(
                  PipelineHarness.spark(),
                  allAtOnceDir.resolve("tables").resolve(def.name()).toString())
              .detail()
              .first();
      assertThat(detail.<String>getAs("description")).as(def.name()).isEqualTo(def.comment());
    }
  }

  // ---- arrival order and batching do not matter -------------------------------------------

  @Test
  void shuffledEventsInThreeRunsEndInSameTables(@TempDir Path dir) {
    List<String> names = new ArrayList<>(PipelineHarness.fixtureNames(LIFECYCLE));
    Collections.shuffle(names, new Random(7));
    PipelineHarness staged = new PipelineHarness(dir);
    for (List<String> group :
        List.of(names.subList(0, 9), names.subList(9, 18), names.subList(18, names.size()))) {
      staged.add(LIFECYCLE, group);
      assertThat(staged.runOnce().batches()).isEqualTo(1);
    }
    assertThat(staged.snapshot()).isEqualTo(allAtOnce.snapshot());
    staged.assertKeysAndForeignKeys();
  }

  @Test
  void oneFilePerBatchInReverseEndsInSameOrderRows(@TempDir Path dir) {
    // The tied order's last five events, newest first: every later batch brings an older event.
    List<String> newestFirst =
        List.of(
            "NSB7087517859962_az.json",
            "NSB7087517859962_ay.json",
            "NSB7087517859962_ap.json",
            "NSB7087517859962_aw.json",
            "NSB7087517859962_ak.json");
    PipelineHarness oneByOne =
        new PipelineHarness(dir).add(LIFECYCLE, newestFirst).readInOrder(newestFirst);
    assertThat(oneByOne.runOnce(1).batches()).isEqualTo(newestFirst.size());
    Map<String, List<String>> order = oneByOne.snapshot(Set.of(TWO_SHIPMENTS));
    Map<String, List<String>> reference = allAtOnce.snapshot(Set.of(TWO_SHIPMENTS));
    for (String table :
        List.of(
            "order_item", "shipment", "item_shipment", "order_promotion", "order_event_latest")) {
      assertThat(order.get(table)).as(table).isEqualTo(reference.get(table));
    }
    oneByOne.assertKeysAndForeignKeys();
  }

  private long countOf(String table, String order) {
    return allAtOnce.table(table).where("order_id = '" + order + "'").count();
  }
}
