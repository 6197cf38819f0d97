package io.orderstream.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a checkpoint resumes, read from files laid out as Spark 4.1.1 writes them (copied in shape
 * from a checkpoint of KafkaPipelineTest), and the gaps named against a partition's oldest record.
 * The run against a real broker is KafkaPipelineTest's data-loss test.
 */
class KafkaDataLossTest {
  private static final String METADATA =
      "{\"batchWatermarkMs\":0,\"batchTimestampMs\":1795979528330,\"conf\":{}}";
  private static final TopicPartition P0 = new TopicPartition("orders", 0);
  private static final TopicPartition P1 = new TopicPartition("orders", 1);

  @TempDir Path checkpoint;

  // ---------------------------------------------------------------- resume point

  @Test
  void newCheckpointResumesNowhere() {
    assertThat(resumeAt()).isEmpty();
  }

  @Test
  void checkpointWithoutCommitResumesAtTheInitialOffsets() throws IOException {
    write("sources/0/0", "\0v1\n{\"orders\":{\"0\":0,\"1\":4}}");
    write("offsets/0", "v1\n" + METADATA + "\n{\"orders\":{\"0\":9,\"1\":9}}");

    assertThat(resumeAt()).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 0L, P1, 4L));
  }

  @Test
  void plannedButUncommittedBatchResumesWhereTheLastCommittedBatchEnded() throws IOException {
    write("sources/0/0", "\0v1\n{\"orders\":{\"0\":0,\"1\":0}}");
    write("offsets/0", "v1\n" + METADATA + "\n{\"orders\":{\"0\":5,\"1\":3}}");
    write("commits/0", "v1\n{\"nextBatchWatermarkMs\":0}");
    write("offsets/1", "v1\n" + METADATA + "\n{\"orders\":{\"0\":8,\"1\":7}}");

    assertThat(resumeAt()).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 5L, P1, 3L));
  }

  @Test
  void offsetsMarkingEarliestOrLatestNameNoPosition() throws IOException {
    assertThat(CheckpointOffsets.parse("{\"orders\":{\"0\":-2,\"1\":6}}"))
        .containsExactly(Map.entry(P1, 6L));
  }

  // ---------------------------------------------------------------- gaps

  @Test
  void partitionWhoseOldestRecordIsPastTheResumePointNamesTheLostOffsets() {
    assertThat(KafkaDataLoss.gaps(Map.of(P1, 3L, P0, 1L), Map.of(P0, 4L, P1, 3L)))
        .hasValue("records at offsets [1, 4) of topic partition orders-0 are no longer in Kafka");
  }

  @Test
  void everyPartitionWithAGapIsNamedInOrder() {
    assertThat(KafkaDataLoss.gaps(Map.of(P1, 3L, P0, 1L), Map.of(P0, 2L, P1, 9L)))
        .hasValue(
            "records at offsets [1, 2) of topic partition orders-0 are no longer in Kafka;"
                + " records at offsets [3, 9) of topic partition orders-1 are no longer in Kafka");
  }

  @Test
  void oldestRecordAtOrBeforeTheResumePointOrPartitionGoneIsNoGap() {
    assertThat(KafkaDataLoss.gaps(Map.of(P0, 5L, P1, 3L), Map.of(P0, 5L))).isEmpty();
    assertThat(KafkaDataLoss.gaps(Map.of(P0, 5L), Map.of(P0, 0L))).isEmpty();
  }

  private Map<TopicPartition, Long> resumeAt() {
    return CheckpointOffsets.resumeAt(checkpoint.toString(), new Configuration());
  }

  private void write(String name, String content) throws IOException {
    Path file = checkpoint.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
