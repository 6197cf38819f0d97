package io.orderstream.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.TopicPartition;

/**
 * When each measured Kafka record was sent and which of them a finished batch carried: a record's
 * latency runs from its timestamp (the producer's, as it sent it) to the end of the first batch
 * whose offsets reach past it in its partition.
 *
 * <p>Records are registered as the broker acknowledges them; a batch can only read a record the
 * broker holds, and it ends seconds after reading it, so the acknowledgement is in by then.
 */
final class RecordClock {
  /** Per partition: offset to the record's timestamp, for records no batch has carried yet. */
  private final Map<Integer, NavigableMap<Long, Long>> waiting = new ConcurrentHashMap<>();

  /** Per partition: the first offset no finished batch has read. */
  private final Map<Integer, Long> ends = new ConcurrentHashMap<>();

  private final List<Long> latencies = new ArrayList<>();

  /** A measured record the broker acknowledged. */
  void sent(int partition, long offset, long timestamp) {
    waiting.computeIfAbsent(partition, p -> new ConcurrentSkipListMap<>()).put(offset, timestamp);
  }

  /**
   * A batch finished at {@code endedAt} (epoch ms) and read each partition up to {@code batchEnds}
   * (exclusive): the records below it still waiting get their latency.
   */
  synchronized void batchEnded(Map<TopicPartition, Long> batchEnds, long endedAt) {
    batchEnds.forEach(
        (partition, end) -> {
          ends.merge(partition.partition(), end, Math::max);
          NavigableMap<Long, Long> carried =
              waiting
                  .getOrDefault(partition.partition(), new ConcurrentSkipListMap<>())
                  .headMap(end, false);
          carried.values().forEach(timestamp -> latencies.add(endedAt - timestamp));
          carried.clear();
        });
  }

  /** Records read by finished batches, measured or not: the topic's offsets start at 0. */
  long recordsDone() {
    return ends.values().stream().mapToLong(Long::longValue).sum();
  }

  synchronized List<Long> latencies() {
    return List.copyOf(latencies);
  }

  synchronized void forgetLatencies() {
    latencies.clear();
  }
}
