package io.orderstream.tools.generate;

import io.orderstream.error.Errors;
import io.orderstream.source.kafka.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes generated events to a Kafka topic, one event per record, in arrival order: the value is
 * the event's JSON exactly as it would be in its file, the key its order id (so an order's events
 * share a partition, as in most real feeds; orderstream does not rely on that). With a rate, record
 * {@code k} is sent when it is due at that pace from the start, like {@link LiveWriter}.
 *
 * <p>The producer is idempotent with {@code acks=all}: a retried send is not written twice.
 */
public final class KafkaEventWriter {
  private final String servers;
  private final String topic;

  private KafkaEventWriter(String servers, String topic) {
    this.servers = servers;
    this.topic = topic;
  }

  /**
   * A writer to {@code topic}, created with the broker's default partitions and replicas if it does
   * not exist yet. {@code serversOption} is the name a bad {@code servers} is reported under.
   *
   * @throws io.orderstream.error.OrderstreamException (exit 2) when the cluster does not answer
   */
  public static KafkaEventWriter toTopic(String servers, String topic, String serversOption) {
    try (KafkaCluster cluster = KafkaCluster.connect(servers, Map.of(), serversOption)) {
      cluster.createTopic(topic, Optional.empty());
    }
    return new KafkaEventWriter(servers, topic);
  }

  /**
   * Sends the events (all at once when {@code eventsPerSecond} is null) and waits until the broker
   * acknowledged every one of them; returns how many were sent before {@code limit}.
   *
   * @throws io.orderstream.error.OrderstreamException (exit 1) when a record could not be written
   */
  public int write(List<GeneratedEvent> events, Double eventsPerSecond, Duration limit) {
    return write(events, eventsPerSecond, limit, acknowledged -> {});
  }

  /**
   * {@link #write(List, Double, Duration)}, handing each record's partition, offset and timestamp
   * to {@code acknowledged} as the broker confirms it (on the producer's thread).
   */
  public int write(
      List<GeneratedEvent> events,
      Double eventsPerSecond,
      Duration limit,
      Consumer<RecordMetadata> acknowledged) {
    long start = System.nanoTime();
    int sent = 0;
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig())) {
      for (GeneratedEvent event : events) {
        long due = eventsPerSecond == null ? 0 : (long) (sent * 1e9 / eventsPerSecond);
        if (due >= limit.toNanos() || failure.get() != null) {
          break;
        }
        sleepUntil(start + due);
        producer.send(
            new ProducerRecord<>(
                topic, event.orderId(), event.json().getBytes(StandardCharsets.UTF_8)),
            (metadata, error) -> {
              if (error == null) {
                acknowledged.accept(metadata);
              } else {
                failure.compareAndSet(null, error);
              }
            });
        sent++;
      }
      producer.flush(); // returns once every send completed, so failure is final here
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.kafkaWriteFailed(topic, e);
    } catch (KafkaException e) {
      throw Errors.kafkaWriteFailed(topic, e);
    }
    if (failure.get() != null) {
      throw Errors.kafkaWriteFailed(topic, failure.get());
    }
    return sent;
  }

  private Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  private static void sleepUntil(long deadline) throws InterruptedException {
    long remaining = deadline - System.nanoTime();
    if (remaining > 0) {
      Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
    }
  }
}
