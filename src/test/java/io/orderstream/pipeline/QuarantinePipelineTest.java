package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input lands in quarantine with its reason while the good events beside it land.
 */
@SparkTest
class QuarantinePipelineTest {

  @Test
  void badInputsQuarantinedWithReasonAndGoodEventsInSameBatchLand(@TempDir Path dir)
      throws IOException {
    JsonNode expected =
        new ObjectMapper().readTree(getClass().getResource("/fixtures/bad-expected.json"));
    PipelineHarness pipeline =
        new PipelineHarness(dir)
            .add("bad", PipelineHarness.fixtureNames("bad"))
            .add("lifecycle", List.of("WOZ1830024297368_3.json"));

    RunSummary summary = pipeline.runOnce();

    assertThat(summary.batches()).isEqualTo(1);
    Map<String, String> reasonByFile = new HashMap<>();
    for (Row row : pipeline.table("quarantine").collectAsList()) {
      String source = row.getAs("source");
      reasonByFile.put(source.substring(source.lastIndexOf('/') + 1), row.getAs("reason"));
      assertThat(row.<String>getAs("detail")).isNotBlank();
      assertThat(row.<Object>getAs("quarantined_at")).isNotNull();
    }
    Map<String, String> want = new HashMap<>();
    expected.fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().asText()));
    assertThat(reasonByFile).isEqualTo(want);

    Row brokenLine = pipeline.table("quarantine").where("source like '%mixed.jsonl'").first();
    assertThat(brokenLine.<Long>getAs("line")).isEqualTo(2L);
    Row notJson = pipeline.table("quarantine").where("source like '%not-json.json'").first();
    assertThat(notJson.<String>getAs("raw_content")).isNotEmpty();

    // The two good lines of mixed.jsonl and the good file in the same batch all landed.
    assertThat(pipeline.table("order_event_latest").select("order_id").collectAsList())
        .extracting(r -> r.getString(0))
        .contains("WOZ1830024297368");
    assertThat(pipeline.table("order_event_latest").count()).isEqualTo(2);
    pipeline.assertKeysAndForeignKeys();
  }
}
