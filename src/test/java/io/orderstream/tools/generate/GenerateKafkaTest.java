package io.orderstream.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.cli.Main;
import io.orderstream.error.Errors;
import io.orderstream.testing.KafkaBroker;
import io.orderstream.testing.SparkTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code orderstream generate --kafka-topic} against a real broker, read back with a plain
 * consumer.
 */
// no Spark, but a broker JVM that takes as long to start: the slow tier
@SparkTest
class GenerateKafkaTest {
  @TempDir static Path brokerDir;

  private static KafkaBroker broker;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.start(brokerDir);
  }

  @AfterAll
  static void stopBroker() {
    broker.stop();
  }

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void generateWritesOneRecordPerEventKeyedByOrderIntoANewTopic() {
    int code =
        run(
            "generate",
            "--kafka-bootstrap-servers",
            broker.bootstrapServers(),
            "--kafka-topic",
            "new-orders",
            "--orders",
            "8",
            "--seed",
            "5",
            "--duplicates",
            "0.1");

    List<GeneratedEvent> expected =
        SampleGenerator.generate(GeneratorSpec.of(8, 5L).withDuplicates(0.1));
    List<ConsumerRecord<String, byte[]>> records = readAll("new-orders", expected.size());
    assertThat(code).isZero();
    assertThat(records)
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrderElementsOf(expected.stream().map(GeneratedEvent::json).toList());
    assertThat(records)
        .allSatisfy(
            r ->
                assertThat(
                        GeneratedEvent.parse(
                                "record", new String(r.value(), StandardCharsets.UTF_8))
                            .orderId())
                    .isEqualTo(r.key()));
    Set<Integer> partitions = new HashSet<>();
    records.forEach(r -> partitions.add(r.partition()));
    assertThat(partitions)
        .as("the broker's default of 3 partitions, orders spread over them")
        .hasSize(3);
    assertThat(out.toString())
        .contains(
            "Wrote "
                + expected.size()
                + " of "
                + expected.size()
                + " events to Kafka topic new-orders");
  }

  @Test
  void generateToAnUnreachableBrokerIsAConfigurationErrorWithinThirtySeconds() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    long start = System.nanoTime();

    int code =
        run(
            "generate",
            "--kafka-bootstrap-servers",
            "127.0.0.1:" + closedPort,
            "--kafka-topic",
            "t",
            "--orders",
            "2");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString())
        .contains("--kafka-bootstrap-servers")
        .contains("127.0.0.1:" + closedPort)
        .doesNotContain("\tat ");
  }

  @Test
  void generateRefusesBothAFolderAndATopic() {
    int code =
        run(
            "generate",
            "--out",
            brokerDir.resolve("x").toString(),
            "--kafka-topic",
            "t",
            "--orders",
            "1");

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString()).contains("--out").contains("--kafka-topic");
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int count) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "generate-test",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      // one more poll: nothing beyond the expected records may be there
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    }
    return records;
  }
}
