package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderstream.config.Setting;
import io.orderstream.event.EventSchema;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One folder as a hostile sender fills it, every kind of input at once (issue 16): names full of
 * URI, glob and shell characters; files with modification times years old arriving after newer
 * ones; partition-like sub-folders; an input over the size limit; an empty file; ids holding the
 * key separators; events a nanosecond apart; values no table can hold. All of it beside the valid
 * lifecycle events. The valid events land, every hostile input lands or is quarantined with its
 * reason, the runs end normally, and a rerun changes nothing.
 */
@SparkTest
class HostileFolderPipelineTest {
  private static final String LIFECYCLE = "lifecycle";
  private static final String LANDS = "lands";
  private static final List<String> ODD_PREFIXES =
      List.of(
          "100% ",
          "[x] ",
          "q\"uote ",
          "c:olon ",
          "sp  ace ",
          "#hash ",
          "?ask ",
          "ção ",
          "new\nline ",
          "back\\slash ",
          "{brace} ",
          "*star ",
          "semi;colon ",
          "it's ",
          "a=1 ",
          "%41%20 ");
  private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2001-09-09T01:46:40Z"));

  /**
   * File name written to the folder, to what must become of it: LANDS, or its quarantine reason.
   */
  private final Map<String, String> outcomes = new TreeMap<>();

  private int named;

  @Test
  void everyHostileInputAtOnceLandsOrIsQuarantinedAndTheStreamGoesOn(@TempDir Path dir)
      throws IOException {
    JsonNode lifecycle =
        new ObjectMapper().readTree(getClass().getResource("/fixtures/lifecycle-expected.json"));
    PipelineHarness pipeline = new PipelineHarness(dir).with(Setting.MAX_INPUT_SIZE, 64L * 1024);
    Path input = pipeline.input();
    List<String> fixtures = PipelineHarness.fixtureNames(LIFECYCLE);
    for (int i = 0; i < fixtures.size() / 2; i++) {
      copyAs(fixtures.get(i), input.resolve(oddName(fixtures.get(i))), null);
    }
    // Ids holding the key separators, and an item repeated next to one named like the repeat's key.
    write(
        input,
        "kc-a.json",
        KeyCollisionPipelineTest.event(
            "KC2:B", "2024-01-01T00:00:00Z", "PAID", List.of("C"), List.of("C")),
        LANDS);
    write(
        input,
        "kc-b.json",
        KeyCollisionPipelineTest.event(
            "KC2", "2024-01-01T00:00:00Z", "PAID", List.of("B:C"), List.of("B:C")),
        LANDS);
    write(
        input,
        "kc-c.json",
        KeyCollisionPipelineTest.event(
            "RX", "2024-01-01T00:00:00Z", "PAID", List.of("X", "X", "X:2"), List.of()),
        LANDS);
    // Version 1 is 0.8 microseconds later than version 2, so it wins.
    write(
        input,
        "nano-v1.json",
        SubMicrosecondPipelineTest.event("2024-05-01T10:00:00.0000009Z", "1", "LATER"),
        LANDS);
    write(
        input,
        "nano-v2.json",
        SubMicrosecondPipelineTest.event("2024-05-01T10:00:00.0000001Z", "2", "EARLIER"),
        "superseded");
    // Valid JSON whose values no table holds, or whose size no batch should take on.
    write(
        input,
        "money-1e30.json",
        PoisonPillPipelineTest.event("P1", "", ",\"vlr_oril\":1e30"),
        "out-of-range");
    write(
        input,
        "year-10000.json",
        PoisonPillPipelineTest.event(
            "P2", "", ",\"dat_hor_esda_entg_item\":\"9999-12-31T23:59:59-01:00\""),
        "bad-timestamp");
    write(
        input,
        "deep.json",
        PoisonPillPipelineTest.event("P3", ",\"x\":" + "[".repeat(5000) + "]".repeat(5000), ""),
        "not-json");
    write(
        input,
        "lines-too-many.json",
        PoisonPillPipelineTest.lines("P4", EventSchema.MAX_LIST_ENTRIES + 1),
        "out-of-range");
    Files.createDirectories(input.resolve("a=1/b=2"));
    copyAs(fixtures.get(0), input.resolve("a=1/b=2/never-read.json"), null);
    write(input, "huge.jsonl", "{\"x\":1}\n".repeat(10_000), "too-large");
    write(input, "empty.json", "", "empty");
    Files.writeString(input.resolve(".still-being-written.json"), "{");

    pipeline.runOnce(8);

    // Files staged long ago, copied with their times kept (cp -p): older than all seen so far.
    for (int i = fixtures.size() / 2; i < fixtures.size(); i++) {
      copyAs(fixtures.get(i), input.resolve(oddName("late " + fixtures.get(i))), LONG_AGO);
    }
    RunSummary second = pipeline.runOnce(8);

    assertThat(second.batches()).isPositive();
    Map<String, String> want = new TreeMap<>();
    lifecycle
        .get("orders")
        .properties()
        .forEach(order -> want.put(order.getKey(), state(order.getValue())));
    want.put("KC2:B", "PAID v1, 1 lines, 0 shipments, 0 item shipments, 1 promotions");
    want.put("KC2", "PAID v1, 1 lines, 0 shipments, 0 item shipments, 1 promotions");
    want.put("RX", "PAID v1, 3 lines, 0 shipments, 0 item shipments, 0 promotions");
    want.put(
        SubMicrosecondPipelineTest.ORDER,
        "LATER v1, 1 lines, 0 shipments, 0 item shipments, 0 promotions");
    assertThat(orderStates(pipeline)).isEqualTo(want);
    assertThat(fileOutcomes(pipeline)).isEqualTo(outcomes);
    assertThat(
            pipeline
                .table("quarantine")
                .where("source like '%huge.jsonl'")
                .first()
                .<String>getAs("detail"))
        .startsWith("the input is 80000 bytes, over max-input-size (65536 bytes)");
    pipeline.assertKeysAndForeignKeys();

    Map<String, Long> versions = pipeline.versions();
    RunSummary third = pipeline.runOnce(8);
    assertThat(third.batches()).isZero();
    assertThat(pipeline.versions()).isEqualTo(versions);
  }

  @Test
  void recursiveReadsPartitionLikeSubFolders(@TempDir Path dir) throws IOException {
    PipelineHarness pipeline = new PipelineHarness(dir).with(Setting.RECURSIVE, true);
    List<String> fixtures = PipelineHarness.fixtureNames(LIFECYCLE);
    Files.createDirectories(pipeline.input().resolve("year=2024/month=01"));
    for (int i = 0; i < fixtures.size(); i++) {
      String folder = i % 2 == 0 ? "year=2024/month=01/" : "year=2024/";
      copyAs(fixtures.get(i), pipeline.input().resolve(folder + fixtures.get(i)), null);
    }

    pipeline.runOnce();

    assertThat(pipeline.table("order_event_latest").count()).isEqualTo(5);
    assertThat(pipeline.table("quarantine").count()).isZero();
  }

  private String oddName(String name) {
    return ODD_PREFIXES.get(named++ % ODD_PREFIXES.size()) + name;
  }

  /**
   * Writes {@code content} under an odd version of {@code name} and records what must become of it.
   */
  private void write(Path input, String name, Object content, String outcome) throws IOException {
    String odd = oddName(name);
    Files.writeString(input.resolve(odd), content.toString());
    outcomes.put(odd, outcome);
  }

  private static String state(JsonNode order) {
    return order.get("status").asText()
        + " v"
        + order.get("version").asText()
        + ", "
        + order.get("lines")
        + " lines, "
        + order.get("shipments")
        + " shipments, "
        + order.get("item_shipments")
        + " item shipments, "
        + order.get("promotions")
        + " promotions";
  }

  /** Each stored order in the shape of {@link #state}. */
  private static Map<String, String> orderStates(PipelineHarness pipeline) {
    Map<String, Map<String, Long>> counts = new HashMap<>();
    for (String table : List.of("order_item", "shipment", "item_shipment", "order_promotion")) {
      for (Row row : pipeline.table(table).groupBy("order_id").count().collectAsList()) {
        counts.computeIfAbsent(row.getString(0), o -> new HashMap<>()).put(table, row.getLong(1));
      }
    }
    Map<String, String> states = new TreeMap<>();
    for (Row row :
        pipeline
            .table("order_item")
            .select("order_id", "order_status")
            .distinct()
            .collectAsList()) {
      states.merge(row.getString(0), row.getString(1), (a, b) -> a + "|" + b);
    }
    for (Row row :
        pipeline.table("order_event_latest").select("order_id", "version").collectAsList()) {
      Map<String, Long> c = counts.getOrDefault(row.getString(0), Map.of());
      states.put(
          row.getString(0),
          states.get(row.getString(0))
              + " v"
              + row.get(1)
              + ", "
              + c.getOrDefault("order_item", 0L)
              + " lines, "
              + c.getOrDefault("shipment", 0L)
              + " shipments, "
              + c.getOrDefault("item_shipment", 0L)
              + " item shipments, "
              + c.getOrDefault("order_promotion", 0L)
              + " promotions");
    }
    return states;
  }

  /**
   * Each written file's fate: its quarantine reason, LANDS when it is its order's winning event, or
   * "superseded" when a later event of its order won. The lifecycle's own files are left out: the
   * order states above cover them.
   */
  private Map<String, String> fileOutcomes(PipelineHarness pipeline) {
    Map<String, String> got = new TreeMap<>();
    outcomes.keySet().forEach(name -> got.put(name, "superseded"));
    for (Row row : pipeline.table("quarantine").select("source", "reason").collectAsList()) {
      got.put(fileName(row.getString(0)), row.getString(1));
    }
    for (Row row : pipeline.table("order_event_latest").select("source").collectAsList()) {
      got.computeIfPresent(fileName(row.getString(0)), (name, outcome) -> LANDS);
    }
    return got;
  }

  private static String fileName(String source) {
    return source.substring(source.lastIndexOf('/') + 1);
  }

  private static void copyAs(String fixture, Path target, FileTime modified) throws IOException {
    Path staged = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.copy(PipelineHarness.fixture(LIFECYCLE).resolve(fixture), staged);
    if (modified != null) {
      Files.setLastModifiedTime(staged, modified);
    }
    Files.move(staged, target);
  }
}
