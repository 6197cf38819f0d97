package io.orderstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real Kafka broker for one test class: Apache Kafka 3.9.1 in KRaft mode (one combined broker and
 * controller) in its own JVM, started through {@code scripts/kafka-local} (the script users run, so
 * the tests prove it) on free ports of 127.0.0.1, with its data in a folder of the test's. It is
 * stopped by the process id the script wrote; {@link #restart()} brings it back on the same ports
 * and data, as after an outage.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Duration READY = Duration.ofSeconds(120);

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private Admin admin;

  private KafkaBroker(Path dir, int port, int controllerPort) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /** Starts a broker whose storage, configuration and log live in {@code dir}. */
  public static KafkaBroker start(Path dir) {
    int port = freePort();
    int controllerPort = freePort();
    while (controllerPort == port) {
      controllerPort = freePort();
    }
    KafkaBroker broker = new KafkaBroker(dir, port, controllerPort);
    broker.restart();
    return broker;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /**
   * Starts the broker process again (after {@link #stop()} or {@link #kill()}) and waits until it
   * answers.
   */
  public void restart() {
    runScript("start");
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    await(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() == 1);
  }

  public void createTopic(String topic, int partitions) {
    await(
        () -> {
          try {
            admin
                .createTopics(
                    List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                .all()
                .get(30, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            if (!(e.getCause()
                instanceof TopicExistsException)) { // an earlier try that timed out made it
              throw e;
            }
          }
          return true;
        });
    // A created topic's partitions get their leaders a moment later; a record sent before that
    // waits, and on a loaded machine can time out unseen in a producer's buffer.
    await(
        () ->
            admin
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .stream()
                    .filter(p -> p.leader() != null && p.leader().id() >= 0)
                    .count()
                == partitions);
  }

  /** Sends one record to a given partition and waits for the broker's acknowledgement. */
  public void send(String topic, int partition, String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer.send(new ProducerRecord<>(topic, partition, key, value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot send a record to " + topic + "-" + partition, e);
    }
  }

  /** A producer of string keys and byte values; the caller closes it. */
  public KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class));
  }

  /** Deletes a partition's records before {@code offset}, as retention would. */
  public void deleteRecordsBefore(String topic, int partition, long offset) {
    await(
        () -> {
          admin
              .deleteRecords(
                  Map.of(
                      new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(offset)))
              .all()
              .get(30, TimeUnit.SECONDS);
          return true;
        });
  }

  public Admin admin() {
    return admin;
  }

  /** Stops the broker with SIGTERM (SIGKILL after 30 s), by its process id. */
  public void stop() {
    closeAdmin();
    pid()
        .ifPresent(
            process -> {
              process.destroy();
              waitForExit(process, Duration.ofSeconds(30));
            });
  }

  /** Ends the broker at once with SIGKILL, as a crash or a lost machine would. */
  public void kill() {
    closeAdmin();
    pid()
        .ifPresent(
            process -> {
              process.destroyForcibly();
              waitForExit(process, Duration.ofSeconds(30));
            });
  }

  @Override
  public void close() {
    stop();
  }

  private Optional<ProcessHandle> pid() {
    try {
      Path file = dir.resolve("broker.pid");
      return Files.exists(file)
          ? ProcessHandle.of(Long.parseLong(Files.readString(file).strip()))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void waitForExit(ProcessHandle process, Duration limit) {
    try {
      process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }

  private void closeAdmin() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
      admin = null;
    }
  }

  private void runScript(String command) {
    Path log = dir.resolve("kafka-local.out");
    try {
      Files.createDirectories(dir);
      ProcessBuilder builder =
          new ProcessBuilder("bash", "scripts/kafka-local", command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder
          .environment()
          .putAll(
              Map.of(
                  "KAFKA_LOCAL_DIR", dir.toString(),
                  "KAFKA_LOCAL_PORT", String.valueOf(port),
                  "KAFKA_LOCAL_CONTROLLER_PORT", String.valueOf(controllerPort),
                  "KAFKA_LOCAL_PARTITIONS", "3"));
      Process process = builder.start();
      if (!process.waitFor(READY.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "scripts/kafka-local " + command + " failed:\n" + Files.readString(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Retries until the check holds: a fresh KRaft node takes a moment to accept metadata changes.
   */
  private static void await(Check check) {
    long deadline = System.nanoTime() + READY.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (check.holds()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      sleep();
    }
    throw new IllegalStateException(
        "The Kafka broker did not answer in " + READY.toSeconds() + " s", last);
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }
}
