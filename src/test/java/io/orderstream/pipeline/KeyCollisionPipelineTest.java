package io.orderstream.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.replace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.tables.DeltaTable;
import io.orderstream.model.Keys;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids a sender chooses cannot make two rows share a key: ids holding ':' next to ids that a plain
 * ':' join would confuse them with, and an item repeated on two lines next to an item named like
 * the repeat's key. The next event of each order must still commit (a repeated key in the tables
 * would make every later MERGE of the order fail). Tables written with the old key format are
 * re-keyed at start.
 */
@SparkTest
class KeyCollisionPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void idsWithSeparatorsGiveDistinctKeysAndTheNextEventsCommit(@TempDir Path dir) {
    PipelineHarness pipeline =
        new PipelineHarness(dir)
            .write(
                "a.json",
                event("KC2:B", "2024-01-01T00:00:00.000Z", "PAID", List.of("C"), List.of("C"))
                    .toString())
            .write(
                "b.json",
                event("KC2", "2024-01-01T00:00:00.000Z", "PAID", List.of("B:C"), List.of("B:C"))
                    .toString())
            .write(
                "c.json",
                event("RX", "2024-01-01T00:00:00.000Z", "PAID", List.of("X", "X", "X:2"), List.of())
                    .toString());
    pipeline.runOnce();

    assertThat(ids(pipeline, "order_item")).hasSize(5).doesNotHaveDuplicates();
    assertThat(ids(pipeline, "order_promotion")).hasSize(2).doesNotHaveDuplicates();
    pipeline.assertKeysAndForeignKeys();

    pipeline
        .write(
            "a2.json",
            event("KC2:B", "2024-01-02T00:00:00.000Z", "SENT", List.of("C"), List.of("C"))
                .toString())
        .write(
            "b2.json",
            event("KC2", "2024-01-02T00:00:00.000Z", "SENT", List.of("B:C"), List.of("B:C"))
                .toString())
        .write(
            "c2.json",
            event("RX", "2024-01-02T00:00:00.000Z", "SENT", List.of("X", "X", "X:2"), List.of())
                .toString());
    RunSummary next = pipeline.runOnce();

    assertThat(next.batches()).isEqualTo(1);
    assertThat(pipeline.table("order_item").select("order_status").distinct().collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("SENT");
    assertThat(ids(pipeline, "order_item")).hasSize(5).doesNotHaveDuplicates();
    assertThat(ids(pipeline, "order_promotion")).hasSize(2).doesNotHaveDuplicates();
    pipeline.assertKeysAndForeignKeys();
    List<String> itemKeys = ids(pipeline, "order_item");
    List<String> promotionKeys = ids(pipeline, "order_promotion");

    // Tables as the previous release left them: ids joined with a bare ':' (two pairs of rows
    // sharing a key) and no key format recorded. The next start re-keys them, the batch commits.
    toFormatOne(pipeline, "order_item");
    toFormatOne(pipeline, "order_promotion");
    assertThat(ids(pipeline, "order_item"))
        .containsExactlyInAnyOrder("KC2:B:C", "KC2:B:C", "RX:X", "RX:X:2", "RX:X:2");
    pipeline
        .write(
            "a3.json",
            event("KC2:B", "2024-01-03T00:00:00.000Z", "DELIVERED", List.of("C"), List.of("C"))
                .toString())
        .write(
            "c3.json",
            event(
                    "RX",
                    "2024-01-03T00:00:00.000Z",
                    "DELIVERED",
                    List.of("X", "X", "X:2"),
                    List.of())
                .toString());
    RunSummary upgraded = pipeline.runOnce();

    assertThat(upgraded.batches()).isEqualTo(1);
    assertThat(ids(pipeline, "order_item")).containsExactlyInAnyOrderElementsOf(itemKeys);
    assertThat(ids(pipeline, "order_promotion")).containsExactlyInAnyOrderElementsOf(promotionKeys);
    assertThat(pipeline.table("order_item").where("order_status = 'DELIVERED'").count())
        .isEqualTo(4);
    pipeline.assertKeysAndForeignKeys();
    assertThat(property(pipeline, "order_item")).isEqualTo(Keys.FORMAT);
  }

  /** Rewrites a table's keys the way key format 1 wrote them and forgets its key format. */
  private static void toFormatOne(PipelineHarness pipeline, String table) {
    String path = pipeline.tablesLocation() + "/" + table;
    DeltaTable.forPath(PipelineHarness.spark(), path)
        .update(
            Map.of(
                "id", replace(replace(col("id"), lit("\\:"), lit(":")), lit("\\\\"), lit("\\"))));
    PipelineHarness.spark()
        .sql(
            "ALTER TABLE delta.`"
                + path
                + "` UNSET TBLPROPERTIES ('"
                + Keys.FORMAT_PROPERTY
                + "')");
  }

  private static String property(PipelineHarness pipeline, String table) {
    Row detail =
        DeltaTable.forPath(PipelineHarness.spark(), pipeline.tablesLocation() + "/" + table)
            .detail()
            .first();
    return detail
        .<String, String>getJavaMap(detail.fieldIndex("properties"))
        .get(Keys.FORMAT_PROPERTY);
  }

  private static List<String> ids(PipelineHarness pipeline, String table) {
    return pipeline.table(table).select("id").collectAsList().stream()
        .map(r -> r.getString(0))
        .toList();
  }

  /** An event with one line per item and one promotion per code. */
  static ObjectNode event(
      String orderId,
      String updatedAt,
      String status,
      List<String> items,
      List<String> promotions) {
    ObjectNode event =
        JSON.createObjectNode()
            .put("txt_detl_idt_pedi_pgto", orderId)
            .put("dat_atui", updatedAt)
            .put("num_ulti_vers_sist", "1")
            .put("stat_pedi", status);
    ArrayNode lines = event.putArray("list_item_pedi");
    items.forEach(
        item ->
            lines
                .addObject()
                .put("cod_vrne_prod", item)
                .put("qtd_item_pedi", 1)
                .put("vlr_prod", 10.0));
    ArrayNode promos = event.putArray("list_prmo");
    promotions.forEach(
        code ->
            promos
                .addObject()
                .put("cod_prmo", code)
                .put("vlr_aplc_desc", 1.5)
                .put("nom_apli_prmo", "cart"));
    return event;
  }
}
