package io.orderstream.source.kafka;

import io.orderstream.error.Errors;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Questions to a Kafka cluster, each bounded in time: is it there, does a topic exist, which topics
 * match a pattern, which records do partitions still hold, where do they end (after each batch, for
 * the records waiting); and creating a topic for the generator. Spark's Kafka source and a producer
 * would wait for a missing broker or topic without end, so these run first and turn "no" into a
 * configuration error (exit 2) naming the setting.
 */
public final class KafkaCluster implements AutoCloseable {
  /** How long one start-up question may take; the whole check stays under the 30 s promised. */
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(12);

  private final Admin admin;
  private final String servers;
  private final String serversKey;

  private KafkaCluster(Admin admin, String servers, String serversKey) {
    this.admin = admin;
    this.servers = servers;
    this.serversKey = serversKey;
  }

  /**
   * Connects and asks for the cluster's nodes.
   *
   * @param servers the bootstrap servers, {@code HOST:PORT[,HOST:PORT...]}
   * @param clientSettings extra client settings (SASL, SSL...) as the consumer gets them
   * @param serversKey how the user named the servers setting, for the error message
   */
  public static KafkaCluster connect(
      String servers, Map<String, String> clientSettings, String serversKey) {
    Map<String, Object> config = new HashMap<>(clientSettings);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis());
    Admin admin;
    try {
      admin = Admin.create(config);
    } catch (KafkaException e) {
      throw Errors.kafkaUnreachable(serversKey, servers, rootMessage(e));
    }
    KafkaCluster cluster = new KafkaCluster(admin, servers, serversKey);
    try {
      cluster.answer(
          admin.describeCluster().nodes(),
          "no broker answered in " + ANSWER_TIMEOUT.toSeconds() + " s");
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Fails with exit 2 naming {@code topicKey} unless the topic exists. */
  public void requireTopic(String topic, String topicKey) {
    if (!topics().contains(topic)) {
      throw Errors.kafkaTopicMissing(topicKey, topic, servers);
    }
  }

  /** Fails with exit 2 naming {@code patternKey} unless some topic matches the whole pattern. */
  public void requireMatch(Pattern pattern, String patternKey) {
    if (topics().stream().noneMatch(topic -> pattern.matcher(topic).matches())) {
      throw Errors.kafkaTopicMissing(patternKey, pattern.pattern(), servers);
    }
  }

  /**
   * Creates the topic with the broker's default replication, and its default partitions when {@code
   * partitions} is empty; an existing topic is left as it is.
   */
  public void createTopic(String topic, Optional<Integer> partitions) {
    if (!topics().contains(topic)) {
      answer(
          admin.createTopics(List.of(new NewTopic(topic, partitions, Optional.empty()))).all(),
          "topic " + topic + " was not created in time");
    }
  }

  /**
   * The oldest offset each partition still holds (records before it were deleted, by retention or
   * on request). Partitions the cluster no longer has (their topic deleted) are left out: Spark's
   * source reports those itself.
   */
  public Map<TopicPartition, Long> earliestOffsets(Collection<TopicPartition> partitions) {
    return offsets(partitions, OffsetSpec.earliest());
  }

  /**
   * The offset each partition's next record will get (its end), for the records waiting behind a
   * batch; partitions the cluster no longer has are left out.
   */
  public Map<TopicPartition, Long> latestOffsets(Collection<TopicPartition> partitions) {
    return offsets(partitions, OffsetSpec.latest());
  }

  private Map<TopicPartition, Long> offsets(
      Collection<TopicPartition> partitions, OffsetSpec spec) {
    Set<String> existing = topics();
    Set<String> wanted =
        partitions.stream()
            .map(TopicPartition::topic)
            .filter(existing::contains)
            .collect(Collectors.toSet());
    if (wanted.isEmpty()) {
      return Map.of();
    }
    Map<String, TopicDescription> described =
        answer(admin.describeTopics(wanted).allTopicNames(), "no topic description");
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.stream()
        .filter(
            p ->
                described.containsKey(p.topic())
                    && p.partition() < described.get(p.topic()).partitions().size())
        .forEach(p -> request.put(p, spec));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    answer(admin.listOffsets(request).all(), "no offsets of " + wanted)
        .forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  private Set<String> topics() {
    return answer(admin.listTopics().names(), "no topic list");
  }

  private <T> T answer(KafkaFuture<T> future, String whenLate) {
    try {
      return future.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw Errors.kafkaUnreachable(serversKey, servers, whenLate);
    } catch (ExecutionException e) {
      throw Errors.kafkaUnreachable(serversKey, servers, rootMessage(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.kafkaUnreachable(serversKey, servers, "interrupted while waiting for an answer");
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
