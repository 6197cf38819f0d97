package io.orderstream.source.kafka;

import io.orderstream.error.Errors;
import io.orderstream.error.OrderstreamException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.SparkThrowable;

/**
 * Names Kafka records that the checkpoint still had to read and that are gone, usually deleted by
 * retention while the pipeline was stopped or behind: the topic, partition and offsets, for the
 * message that stops the run unless {@code kafka-fail-on-data-loss=false}.
 *
 * <p>Two ways in. At start, {@link #gaps} compares where the checkpoint resumes with the oldest
 * record each partition still holds: that covers a pipeline stopped past retention, and runs before
 * Spark's source, whose own error for it was seen hidden behind a NullPointerException from its
 * metrics. During a run, Spark's source raises {@code KAFKA_DATA_LOSS.*}, which {@link #explain}
 * translates when it reaches the query's end unmasked.
 */
final class KafkaDataLoss {
  private static final String CONDITION = "KAFKA_DATA_LOSS";
  private static final Comparator<TopicPartition> BY_NAME =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private KafkaDataLoss() {}

  /**
   * The records between each partition's resume offset and its oldest record still held, in words
   * and in topic-partition order; empty when nothing is missing. Partitions absent from {@code
   * earliest} (deleted with their topic) are left to Spark's source.
   */
  static Optional<String> gaps(
      Map<TopicPartition, Long> resumeAt, Map<TopicPartition, Long> earliest) {
    List<String> lost =
        resumeAt.keySet().stream()
            .sorted(BY_NAME)
            .filter(p -> earliest.containsKey(p) && earliest.get(p) > resumeAt.get(p))
            .map(
                p ->
                    "records at offsets ["
                        + resumeAt.get(p)
                        + ", "
                        + earliest.get(p)
                        + ") of topic partition "
                        + p
                        + " are no longer in Kafka")
            .toList();
    return lost.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", lost));
  }

  /**
   * The data-loss message when {@code failure} (or one of its causes) is Spark's data-loss error.
   */
  static Optional<OrderstreamException> explain(Throwable failure, KafkaSettings settings) {
    for (Throwable cause = failure;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SparkThrowable spark
          && spark.getCondition() != null
          && spark.getCondition().startsWith(CONDITION)) {
        return Optional.of(
            Errors.kafkaDataLoss(
                what(spark.getCondition(), spark.getMessageParameters()),
                settings.topic() != null ? settings.topic() : settings.pattern().pattern(),
                cause));
      }
    }
    return Optional.empty();
  }

  /** What was lost, in words, from the condition's parameters. */
  static String what(String condition, Map<String, String> p) {
    String reason = condition.substring(Math.min(condition.length(), CONDITION.length() + 1));
    return switch (reason) {
      case "COULD_NOT_READ_OFFSET_RANGE" ->
          "records at offsets ["
              + p.get("startOffset")
              + ", "
              + p.get("endOffset")
              + ") of topic partition "
              + p.get("topicPartition")
              + " are no longer in Kafka";
      case "START_OFFSET_RESET" ->
          "topic partition "
              + p.get("topicPartition")
              + " was to be read from offset "
              + p.get("offset")
              + ", but its oldest record is now at offset "
              + p.get("fetchedOffset");
      case "PARTITION_OFFSET_CHANGED" ->
          "the offset of topic partition "
              + p.get("topicPartition")
              + " went back from "
              + p.get("prevOffset")
              + " to "
              + p.get("newOffset")
              + " (was the topic deleted and created again?)";
      case "ADDED_PARTITION_DOES_NOT_START_FROM_OFFSET_ZERO" ->
          "new topic partition "
              + p.get("topicPartition")
              + " starts at offset "
              + p.get("startOffset")
              + ", so offsets [0, "
              + p.get("startOffset")
              + ") are gone";
      case "INITIAL_OFFSET_NOT_FOUND_FOR_PARTITIONS",
          "PARTITIONS_DELETED",
          "PARTITIONS_DELETED_AND_GROUP_ID_CONFIG_PRESENT" ->
          "topic partitions " + p.get("partitions") + " were deleted with records not yet read";
      default -> "records not yet read are gone (" + condition + " " + p + ")";
    };
  }
}
