package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderstream.config.Setting;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder as a hostile sender fills it: names full of URI, glob and shell characters, files with
 * modification times years old arriving after newer ones, partition-like sub-folders, an input
 * over the size limit, an empty file. The valid events land, everything else is quarantined with
 * its reason or deliberately skipped, the run ends normally, and a rerun changes nothing.
 */
@SparkTest
class HostileFolderPipelineTest {
  private static final String LIFECYCLE = "lifecycle";
  private static final List<String> ODD_PREFIXES = List.of("100% ", "[x] ", "q\"uote ", "c:olon ", "sp  ace ", "#hash ",
      "?ask ", "ção ", "new\nline ", "back\\slash ", "{brace} ", "*star ", "semi;colon ", "it's ", "a=1 ", "%41%20 ");
  private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2001-09-09T01:46:40Z"));

  @Test
  void hostileNamesOldTimesSubFoldersAndOversizedInputsNeverStopTheStream(@TempDir Path dir) throws IOException {
    JsonNode expected = new ObjectMapper().readTree(getClass().getResource("/fixtures/lifecycle-expected.json"));
    PipelineHarness pipeline = new PipelineHarness(dir).with(Setting.MAX_INPUT_SIZE, 64L * 1024);
    List<String> fixtures = PipelineHarness.fixtureNames(LIFECYCLE);
    Path input = pipeline.input();
    for (int i = 0; i < fixtures.size() / 2; i++) {
      copyAs(fixtures.get(i), input.resolve(ODD_PREFIXES.get(i % ODD_PREFIXES.size()) + fixtures.get(i)), null);
    }
    Files.createDirectories(input.resolve("a=1/b=2"));
    copyAs(fixtures.get(0), input.resolve("a=1/b=2/never-read.json"), null);
    Files.writeString(input.resolve("huge.jsonl"), "{\"x\":1}\n".repeat(10_000));
    Files.writeString(input.resolve("empty.json"), "");
    Files.writeString(input.resolve(".still-being-written.json"), "{");

    pipeline.runOnce(5);

    // Files staged long ago, copied with their times kept (cp -p): older than all seen so far.
    for (int i = fixtures.size() / 2; i < fixtures.size(); i++) {
      copyAs(fixtures.get(i), input.resolve(ODD_PREFIXES.get(i % ODD_PREFIXES.size()) + "late " + fixtures.get(i)), LONG_AGO);
    }
    RunSummary second = pipeline.runOnce(5);

    assertThat(second.batches()).isPositive();
    expected.get("totals").fields().forEachRemaining(total ->
        assertThat(pipeline.table(total.getKey()).count()).as(total.getKey()).isEqualTo(total.getValue().asLong()));
    Map<String, String> quarantined = pipeline.table("quarantine").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("source").substring(r.<String>getAs("source").lastIndexOf('/') + 1),
            r -> r.<String>getAs("reason") + ": " + r.<String>getAs("detail")));
    assertThat(quarantined).containsOnlyKeys("huge.jsonl", "empty.json");
    assertThat(quarantined.get("huge.jsonl")).startsWith("too-large: the input is 80000 bytes, over max-input-size (65536 bytes)");
    assertThat(quarantined.get("empty.json")).startsWith("empty:");
    List<Row> sources = pipeline.table("order_event_latest").select("source").collectAsList();
    assertThat(sources).noneMatch(r -> r.getString(0).contains("never-read"));
    pipeline.assertKeysAndForeignKeys();

    Map<String, Long> versions = pipeline.versions();
    RunSummary third = pipeline.runOnce(5);
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

  private static void copyAs(String fixture, Path target, FileTime modified) throws IOException {
    Path staged = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.copy(PipelineHarness.fixture(LIFECYCLE).resolve(fixture), staged);
    if (modified != null) {
      Files.setLastModifiedTime(staged, modified);
    }
    Files.move(staged, target);
  }
}
