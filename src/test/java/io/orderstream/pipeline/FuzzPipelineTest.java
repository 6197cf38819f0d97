package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import io.orderstream.tools.generate.fuzz.FuzzCorpus;
import io.orderstream.tools.generate.fuzz.FuzzManifest;
import io.orderstream.tools.generate.fuzz.FuzzSpec;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fuzz corpus (every broken and odd shape, schema drift, a 2 MB JSON Lines file) drained in two
 * batches: the run ends normally and every input is accounted for exactly as its manifest says.
 */
@SparkTest
class FuzzPipelineTest {

  @Test
  void fuzzCorpusInTwoBatchesLandsEveryValidEventAndQuarantinesEveryBadInputWithItsReason(
      @TempDir Path dir) {
    FuzzCorpus corpus = FuzzCorpus.generate(new FuzzSpec(20_240_305L, 12, 2_000_000));
    PipelineHarness pipeline = new PipelineHarness(dir);
    corpus.write(pipeline.input());
    FuzzManifest manifest = FuzzManifest.read(pipeline.input().resolve(FuzzManifest.FILE_NAME));

    List<BatchReport> reports = new ArrayList<>();
    RunSummary summary = pipeline.runOnce(manifest.files().size() / 2 + 1, reports::add);

    assertThat(summary.batches()).isEqualTo(2);
    assertThat(summary.events()).isEqualTo(manifest.events());
    assertThat(summary.quarantined()).isEqualTo(manifest.quarantined());
    assertThat(summary.events() + summary.quarantined()).isEqualTo(manifest.inputs());
    assertQuarantineMatches(pipeline, manifest);
    assertReportsCountQuarantineByReason(reports, manifest);
    assertWinnersMatch(pipeline, manifest);
    pipeline.assertKeysAndForeignKeys();
  }

  private static void assertQuarantineMatches(PipelineHarness pipeline, FuzzManifest manifest) {
    Map<String, String> want = new TreeMap<>();
    manifest
        .files()
        .forEach(
            f ->
                f.quarantined()
                    .forEach((position, reason) -> want.put(f.name() + "#" + position, reason)));
    Map<String, String> got = new TreeMap<>();
    for (Row row : pipeline.table("quarantine").select("id", "reason", "detail").collectAsList()) {
      String id = row.getString(0);
      got.put(id.substring(id.lastIndexOf('/') + 1), row.getString(1));
      assertThat(row.getString(2)).as(id).isNotBlank();
    }
    assertThat(got).isEqualTo(want);
  }

  /** What the metrics count per reason: the batches' reports, against the manifest. */
  private static void assertReportsCountQuarantineByReason(
      List<BatchReport> reports, FuzzManifest manifest) {
    Map<String, Long> want = manifest.quarantinedByReason();
    Map<String, Long> got = new TreeMap<>();
    reports.forEach(
        report ->
            report.quarantinedByReason().forEach((reason, n) -> got.merge(reason, n, Long::sum)));
    assertThat(want).as("the corpus quarantines for several reasons").hasSizeGreaterThan(3);
    assertThat(got).isEqualTo(want);
  }

  private static void assertWinnersMatch(PipelineHarness pipeline, FuzzManifest manifest) {
    Map<String, Row> latest =
        pipeline
            .table("order_event_latest")
            .select("order_id", "updated_at", "version", "raw_event")
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    assertThat(latest.keySet()).containsExactlyInAnyOrderElementsOf(manifest.winners().keySet());
    manifest
        .winners()
        .forEach(
            (id, winner) -> {
              Row stored = latest.get(id);
              assertThat(stored.<Timestamp>getAs("updated_at").toInstant())
                  .as(id)
                  .isEqualTo(winner.datAtui());
              assertThat(stored.<Long>getAs("version")).as(id).isEqualTo(winner.version());
            });
    assertThat(manifest.mustKeep()).isNotEmpty();
    manifest
        .mustKeep()
        .forEach(
            (id, texts) ->
                assertThat(latest.get(id).<String>getAs("raw_event")).as(id).contains(texts));
    List<String> ordersWithLines =
        pipeline.table("order_item").select("order_id").distinct().collectAsList().stream()
            .map(r -> r.getString(0))
            .toList();
    assertThat(manifest.winners().keySet()).containsAll(ordersWithLines);
  }
}
