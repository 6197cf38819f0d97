package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Order-scoped rows follow the winning event exactly: what a newer event drops is removed, and an
 * older or duplicate event arriving later changes nothing.
 */
@SparkTest
class OrderChangesPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ORDER = "NSB7087517859962";

  @Test
  void newerEventWithoutALineAndAShipmentRemovesThemAndLateEventsChangeNothing(@TempDir Path dir)
      throws IOException {
    ObjectNode full =
        (ObjectNode)
            JSON.readTree(
                PipelineHarness.fixture("lifecycle").resolve(ORDER + "_az.json").toFile());
    ObjectNode shrunk = full.deepCopy();
    shrunk.put("dat_atui", "2024-07-09T10:00:00.000Z").put("num_ulti_vers_sist", "8");
    ((ArrayNode) shrunk.get("list_item_pedi")).remove(1);
    ((ArrayNode) shrunk.get("list_envo")).remove(1);
    String keptItem = shrunk.get("list_item_pedi").get(0).get("cod_vrne_prod").asText();

    PipelineHarness pipeline = new PipelineHarness(dir).write("full.json", full.toPrettyString());
    pipeline.runOnce();
    assertThat(rowsOf("order_item", pipeline)).isEqualTo(2);
    assertThat(rowsOf("shipment", pipeline)).isEqualTo(2);

    pipeline.write("shrunk.json", shrunk.toString());
    pipeline.runOnce();
    assertThat(rowsOf("order_item", pipeline)).isEqualTo(1);
    assertThat(rowsOf("shipment", pipeline)).isEqualTo(1);
    assertThat(rowsOf("item_shipment", pipeline)).isEqualTo(1);
    Row line = pipeline.table("order_item").where("order_id = '" + ORDER + "'").first();
    assertThat(line.<String>getAs("item_id")).isEqualTo(keptItem);
    pipeline.assertKeysAndForeignKeys();

    Map<String, Long> versions = pipeline.versions();
    // The older full event again under another name, and an exact copy of the winner.
    pipeline.write("late-copy.json", full.toString());
    pipeline.write("duplicate.json", shrunk.toPrettyString());
    RunSummary late = pipeline.runOnce();
    assertThat(late.batches()).isEqualTo(1);
    assertThat(pipeline.versions()).as("nothing committed").isEqualTo(versions);
    assertThat(rowsOf("order_item", pipeline)).isEqualTo(1);
  }

  @Test
  void tieOnDatAtuiGoesToHigherVersionAndMissingVersionLoses(@TempDir Path dir) throws IOException {
    ObjectNode base =
        (ObjectNode)
            JSON.readTree(
                PipelineHarness.fixture("lifecycle").resolve(ORDER + "_az.json").toFile());
    ObjectNode v9 =
        base.deepCopy()
            .put("dat_atui", "2025-01-01T00:00:00.000Z")
            .put("num_ulti_vers_sist", "9")
            .put("stat_pedi", "V9");
    ObjectNode v10 =
        base.deepCopy()
            .put("dat_atui", "2025-01-01T00:00:00.000Z")
            .put("num_ulti_vers_sist", "10")
            .put("stat_pedi", "V10");
    ObjectNode noVersion =
        base.deepCopy().put("dat_atui", "2025-01-01T00:00:00.000Z").put("stat_pedi", "NONE");
    noVersion.remove("num_ulti_vers_sist");
    ObjectNode older =
        base.deepCopy()
            .put("dat_atui", "2024-12-31T23:59:59.999Z")
            .put("num_ulti_vers_sist", "99")
            .put("stat_pedi", "OLDER");

    PipelineHarness pipeline =
        new PipelineHarness(dir)
            .write("a.json", v9.toString())
            .write("b.json", v10.toString())
            .write("c.json", noVersion.toString())
            .write("d.json", older.toString());
    pipeline.runOnce(1);

    List<String> statuses =
        pipeline.table("order_item").select("order_status").distinct().collectAsList().stream()
            .map(r -> r.getString(0))
            .toList();
    assertThat(statuses).containsExactly("V10");
    assertThat(pipeline.table("order_event_latest").first().<Long>getAs("version")).isEqualTo(10L);
  }

  private static long rowsOf(String table, PipelineHarness pipeline) {
    return pipeline.table(table).where("order_id = '" + ORDER + "'").count();
  }
}
