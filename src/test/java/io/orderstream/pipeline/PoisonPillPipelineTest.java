package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.event.EventSchema;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile sender's values that are valid JSON but beyond what the tables hold or the batch can
 * process in bounded time, in one folder with valid events: each lands or is quarantined with a
 * precise reason, the run ends normally, and a second run changes nothing.
 */
@SparkTest
class PoisonPillPipelineTest {
  private static final String LANDS = "lands";

  static String event(String orderId, String top, String line) {
    return "{\"txt_detl_idt_pedi_pgto\":\""
        + orderId
        + "\",\"dat_atui\":\"2024-03-05T10:15:30.123Z\",\"stat_pedi\":\"PAID\""
        + top
        + ",\"list_item_pedi\":[{\"cod_vrne_prod\":\"SKU-1\",\"qtd_item_pedi\":1,\"vlr_prod\":59.9"
        + line
        + "}]}";
  }

  /**
   * An order of {@code count} lines of one item, all of them in one shipment of {@code count}
   * entries.
   */
  static String lines(String orderId, int count) {
    String line = "{\"cod_vrne_prod\":\"SKU-1\",\"qtd_item_pedi\":1}";
    String shipped = "{\"cod_prod\":\"SKU-1\",\"qtd_prod\":1}";
    return "{\"txt_detl_idt_pedi_pgto\":\""
        + orderId
        + "\",\"dat_atui\":\"2024-03-05T10:15:30.123Z\",\"list_item_pedi\":["
        + String.join(",", Collections.nCopies(count, line))
        + "],\"list_envo\":[{\"cod_tipo_entg\":\"S1\",\"list_item_envo\":["
        + String.join(",", Collections.nCopies(count, shipped))
        + "]}]}";
  }

  /** File name to its content and outcome: LANDS, or the quarantine reason. */
  private static Map<String, String[]> hostileFolder() {
    Map<String, String[]> files = new LinkedHashMap<>();
    files.put("valid-1.json", new String[] {event("V1", "", ""), LANDS});
    files.put("valid-2.json", new String[] {event("V2", ",\"num_ulti_vers_sist\":3", ""), LANDS});
    files.put(
        "money-1e30.json", new String[] {event("H1", "", ",\"vlr_oril\":1e30"), "out-of-range"});
    files.put(
        "money-17-digits.json",
        new String[] {
          event("H2", ",\"objt_des_rsum\":{\"vlr_totl_pedi\":12345678901234567.891}", ""),
          "out-of-range"
        });
    files.put(
        "money-largest.json",
        new String[] {event("H3", "", ",\"vlr_oril\":-9999999999999999.99"), LANDS});
    files.put(
        "count-1e20.json",
        new String[] {event("H4", "", ",\"qtd_dia_prz_entg\":1e20"), "out-of-range"});
    files.put(
        "count-fraction.json",
        new String[] {event("H5", "", ",\"qtd_dia_prz_entg\":2.5"), "wrong-type"});
    files.put(
        "count-largest.json",
        new String[] {
          event("H6", ",\"objt_des_rsum\":{\"num_item\":9223372036854775807}", ""), LANDS
        });
    files.put(
        "version-beyond-bigint.json",
        new String[] {
          event("H7", ",\"num_ulti_vers_sist\":\"9223372036854775808\"", ""), "out-of-range"
        });
    files.put(
        "year-1-offset.json",
        new String[] {event("H8", ",\"dat_hor_tran\":\"0001-01-01T00:30:00+00:30\"", ""), LANDS});
    files.put(
        "year-0-by-offset.json",
        new String[] {
          event("H9", ",\"dat_hor_tran\":\"0001-01-01T00:00:00+01:00\"", ""), "bad-timestamp"
        });
    files.put(
        "year-9999-last.json",
        new String[] {
          event("H10", "", ",\"dat_hor_esda_entg_item\":\"9999-12-31T23:59:59.999999Z\""), LANDS
        });
    files.put(
        "year-10000-by-offset.json",
        new String[] {
          event("H11", "", ",\"dat_hor_esda_entg_item\":\"9999-12-31T23:59:59-01:00\""),
          "bad-timestamp"
        });
    // 1000 is no leap year in the (proleptic Gregorian) calendar of ISO-8601 and java.time
    files.put(
        "ancient.json",
        new String[] {
          event("H12", ",\"dat_hor_tran\":\"1000-02-29T12:00:00Z\"", ""), "bad-timestamp"
        });
    files.put("nan.json", new String[] {event("H13", "", ",\"vlr_oril\":NaN"), "not-json"});
    files.put(
        "nan-text.json", new String[] {event("H14", "", ",\"vlr_oril\":\"NaN\""), "wrong-type"});
    files.put(
        "infinity-text.json",
        new String[] {event("H15", "", ",\"vlr_oril\":\"-Infinity\""), "wrong-type"});
    files.put(
        "deep-nesting.json",
        new String[] {
          event("H16", ",\"x\":" + "[".repeat(5000) + "]".repeat(5000), ""), "not-json"
        });
    files.put(
        "long-text.json",
        new String[] {event("H17", ",\"idt_loja\":\"" + "x".repeat(2_000_000) + "\"", ""), LANDS});
    files.put(
        "lines-too-many.json",
        new String[] {lines("H18", EventSchema.MAX_LIST_ENTRIES + 1), "out-of-range"});
    files.put(
        "lines-at-the-limit.json",
        new String[] {lines("H19", EventSchema.MAX_LIST_ENTRIES), LANDS});
    files.put("id-empty.json", new String[] {event("", "", ""), "missing-order-id"});
    files.put("id-blank.json", new String[] {event(" \\t ", "", ""), "missing-order-id"});
    files.put(
        "item-id-blank.json",
        new String[] {event("H20", "", "").replace("\"SKU-1\"", "\"  \""), "missing-field"});
    files.put(
        "item-id-null.json",
        new String[] {event("H21", "", "").replace("\"SKU-1\"", "null"), "missing-field"});
    files.put(
        "null-in-list.json",
        new String[] {event("H22", ",\"list_prmo\":[null]", ""), "wrong-type"});
    return files;
  }

  @Test
  void hostileValuesLandOrAreQuarantinedWithTheirReasonAndTheRunEndsNormally(@TempDir Path dir) {
    PipelineHarness pipeline = new PipelineHarness(dir);
    Map<String, String[]> files = hostileFolder();
    files.forEach((name, file) -> pipeline.write(name, file[0]));

    RunSummary summary = pipeline.runOnce();

    Map<String, String> want = new TreeMap<>();
    files.forEach((name, file) -> want.put(name, file[1]));
    Map<String, String> got = new TreeMap<>();
    for (Row row : pipeline.table("quarantine").select("source", "reason").collectAsList()) {
      String source = row.getString(0);
      got.put(source.substring(source.lastIndexOf('/') + 1), row.getString(1));
    }
    for (Row row : pipeline.table("order_event_latest").select("source").collectAsList()) {
      String source = row.getString(0);
      got.put(source.substring(source.lastIndexOf('/') + 1), LANDS);
    }
    assertThat(got).isEqualTo(want);
    long landing = want.values().stream().filter(LANDS::equals).count();
    assertThat(summary.events()).isEqualTo(landing);
    assertThat(summary.quarantined()).isEqualTo(files.size() - landing);
    pipeline.assertKeysAndForeignKeys();

    Map<String, Long> versions = pipeline.versions();
    List<String> snapshot =
        pipeline.snapshot().entrySet().stream().map(Object::toString).collect(Collectors.toList());
    pipeline.runOnce();
    assertThat(pipeline.versions()).as("a second run commits nothing").isEqualTo(versions);
    assertThat(pipeline.snapshot().entrySet().stream().map(Object::toString).toList())
        .isEqualTo(snapshot);
  }
}
