package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events are compared at the precision their {@code dat_atui} gives, not cut to Spark's
 * microseconds: {@code 00.0000009Z} version 1 is later than {@code 00.0000001Z} version 2,
 * whichever batch brings each (HostileFolderPipelineTest has the two in one folder, among other
 * inputs).
 */
@SparkTest
class SubMicrosecondPipelineTest {
  static final String ORDER = "NANO000000000001";

  @Test
  void laterNanosecondWinsWhicheverBatchBringsIt(@TempDir Path dir) {
    // Each pipeline reads the two files one per batch, in one run (readInOrder).
    PipelineHarness first =
        new PipelineHarness(dir.resolve("later-first"))
            .write("v1.json", event("2024-05-01T10:00:00.0000009Z", "1", "LATER").toString())
            .write("v2.json", event("2024-05-01T10:00:00.0000001Z", "2", "EARLIER").toString())
            .readInOrder(List.of("v1.json", "v2.json"));
    assertThat(first.runOnce(1).batches()).isEqualTo(2);
    assertWinner(first);

    PipelineHarness second =
        new PipelineHarness(dir.resolve("later-second"))
            .write("v2.json", event("2024-05-01T10:00:00.0000001Z", "2", "EARLIER").toString())
            .write("v1.json", event("2024-05-01T10:00:00.0000009Z", "1", "LATER").toString())
            .readInOrder(List.of("v2.json", "v1.json"));
    assertThat(second.runOnce(1).batches()).isEqualTo(2);
    assertWinner(second);
    assertThat(second.snapshot()).isEqualTo(first.snapshot());
  }

  private static void assertWinner(PipelineHarness pipeline) {
    Row latest = pipeline.table("order_event_latest").first();
    assertThat(latest.<Long>getAs("version")).isEqualTo(1L);
    assertThat(latest.<Integer>getAs("updated_at_nanos")).isEqualTo(900);
    assertThat(latest.<java.sql.Timestamp>getAs("updated_at").toInstant())
        .isEqualTo(java.time.Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(pipeline.table("order_item").select("order_status").collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("LATER");
  }

  static ObjectNode event(String updatedAt, String version, String status) {
    ObjectNode event =
        KeyCollisionPipelineTest.event(ORDER, updatedAt, status, List.of("SKU-1"), List.of());
    return event.put("num_ulti_vers_sist", version);
  }
}
