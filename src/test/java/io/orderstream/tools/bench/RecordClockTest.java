package io.orderstream.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RecordClockTest {
  private static final String TOPIC = "live";

  @Test
  void aBatchMeasuresTheRecordsBelowItsEndsFromTheirTimestampsAndOnlyOnce() {
    RecordClock clock = new RecordClock();
    clock.sent(0, 0, 1_000);
    clock.sent(0, 1, 1_500);
    clock.sent(1, 0, 1_200);
    clock.sent(0, 2, 1_900);

    clock.batchEnded(
        Map.of(new TopicPartition(TOPIC, 0), 2L, new TopicPartition(TOPIC, 1), 1L), 3_000);
    clock.batchEnded(
        Map.of(new TopicPartition(TOPIC, 0), 3L, new TopicPartition(TOPIC, 1), 1L), 4_000);

    assertThat(clock.latencies()).containsExactlyInAnyOrder(2_000L, 1_500L, 1_800L, 2_100L);
    assertThat(clock.recordsDone()).isEqualTo(4);
  }

  @Test
  void recordsDoneCountsUnmeasuredRecordsTooAndForgettingKeepsTheCount() {
    RecordClock clock = new RecordClock();

    clock.batchEnded(
        Map.of(new TopicPartition(TOPIC, 0), 5L, new TopicPartition(TOPIC, 2), 4L), 1_000);
    clock.forgetLatencies();

    assertThat(clock.recordsDone()).as("warm-up records, never registered").isEqualTo(9);
    assertThat(clock.latencies()).isEmpty();
    clock.sent(0, 5, 2_000);
    clock.batchEnded(Map.of(new TopicPartition(TOPIC, 0), 6L), 2_600);
    assertThat(clock.latencies()).containsExactly(600L);
    assertThat(clock.recordsDone()).isEqualTo(10);
  }
}
