package io.orderstream.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.orderstream.config.ConfigResolver;
import io.orderstream.config.RunConfig;
import io.orderstream.error.Errors;
import io.orderstream.error.OrderstreamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka source's settings as resolved from a command line, and what Spark's source gets; no
 * broker.
 */
class KafkaSettingsTest {
  @TempDir Path dir;

  // ---------------------------------------------------------------- what Spark's source is given

  @Test
  void sourceOptionsCarryTopicOffsetsLimitsAndDataLossChoice() {
    KafkaSettings settings =
        settings(
            Map.of(
                "kafka-topic",
                "orders",
                "kafka-starting-offsets",
                "LATEST",
                "max-records-per-trigger",
                "500",
                "kafka-fail-on-data-loss",
                "false"),
            Map.of());

    assertThat(settings.sourceOptions())
        .containsAllEntriesOf(
            Map.of(
                "kafka.bootstrap.servers",
                "127.0.0.1:9092",
                "subscribe",
                "orders",
                "startingOffsets",
                "latest",
                "maxOffsetsPerTrigger",
                "500",
                "failOnDataLoss",
                "false"));
    assertThat(settings.sourceOptions()).doesNotContainKey("subscribePattern");
  }

  @Test
  void patternSubscribesByPattern() {
    KafkaSettings settings = settings(Map.of("kafka-topic-pattern", "orders-.*"), Map.of());

    settings.check();
    assertThat(settings.sourceOptions())
        .containsEntry("subscribePattern", "orders-.*")
        .doesNotContainKey("subscribe");
  }

  @Test
  void kafkaClientSettingsPassThroughConfWinningOverTheFileAndNeverReachSpark() throws IOException {
    Path file = dir.resolve("run.properties");
    Files.writeString(file, "kafka.client.id=from-file\nkafka.security.protocol=PLAINTEXT\n");
    RunConfig config =
        resolve(Map.of("kafka-topic", "orders"), Map.of("kafka.client.id", "from-conf"), file);

    KafkaSettings settings = KafkaSettings.of(config);

    assertThat(settings.sourceOptions())
        .containsEntry("kafka.client.id", "from-conf")
        .containsEntry("kafka.security.protocol", "PLAINTEXT");
    assertThat(config.sparkConf()).doesNotContainKeys("kafka.client.id", "kafka.security.protocol");
  }

  @Test
  void clientSettingValuesAreNeverShown() {
    KafkaSettings settings =
        settings(
            Map.of("kafka-topic", "orders"),
            Map.of("kafka.sasl.jaas.config", "PlainLoginModule required password=\"s3cret\";"));

    assertThat(settings.toString()).contains("sasl.jaas.config").doesNotContain("s3cret");
  }

  // ---------------------------------------------------------------- bad settings: exit 2

  @Test
  void clientSettingThatSparksSourceSetsItselfIsExitTwoNamingTheAlternative() {
    KafkaSettings settings =
        settings(Map.of("kafka-topic", "orders"), Map.of("kafka.auto.offset.reset", "none"));

    OrderstreamException error = catchThrowableOfType(OrderstreamException.class, settings::check);

    assertThat(error.exitCode()).isEqualTo(Errors.EXIT_USAGE);
    assertThat(error.getMessage())
        .contains("kafka.auto.offset.reset")
        .contains("kafka-starting-offsets");
  }

  @Test
  void patternThatIsNoRegularExpressionOrUnknownStartingOffsetsIsExitTwo() {
    OrderstreamException pattern =
        catchThrowableOfType(
            OrderstreamException.class,
            () -> resolve(Map.of("kafka-topic-pattern", "orders["), Map.of(), null));
    OrderstreamException offsets =
        catchThrowableOfType(
            OrderstreamException.class,
            () ->
                resolve(
                    Map.of("kafka-topic", "t", "kafka-starting-offsets", "yesterday"),
                    Map.of(),
                    null));

    assertThat(pattern.exitCode()).isEqualTo(Errors.EXIT_USAGE);
    assertThat(pattern.getMessage()).contains("--kafka-topic-pattern").contains("orders[");
    assertThat(offsets.exitCode()).isEqualTo(Errors.EXIT_USAGE);
    assertThat(offsets.getMessage())
        .contains("--kafka-starting-offsets")
        .contains("earliest or latest");
  }

  @Test
  void confKeyThatIsNeitherSparkNorKafkaIsExitTwo() {
    OrderstreamException error =
        catchThrowableOfType(
            OrderstreamException.class,
            () -> resolve(Map.of("kafka-topic", "t"), Map.of("security.protocol", "SSL"), null));

    assertThat(error.exitCode()).isEqualTo(Errors.EXIT_USAGE);
    assertThat(error.getMessage()).contains("--conf").contains("kafka.");
  }

  // ---------------------------------------------------------------- data loss wording

  @Test
  void dataLossNamesTopicPartitionAndOffsets() {
    String what =
        KafkaDataLoss.what(
            "KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE",
            Map.of(
                "startOffset",
                "1",
                "endOffset",
                "3",
                "topicPartition",
                "orders-0",
                "groupId",
                "g"));
    String reset =
        KafkaDataLoss.what(
            "KAFKA_DATA_LOSS.START_OFFSET_RESET",
            Map.of("topicPartition", "orders-2", "offset", "10", "fetchedOffset", "25"));

    assertThat(what).contains("[1, 3)").contains("orders-0");
    assertThat(reset).contains("orders-2").contains("10").contains("25");
  }

  // ---------------------------------------------------------------- helpers

  private KafkaSettings settings(Map<String, String> given, Map<String, String> conf) {
    return KafkaSettings.of(resolve(given, conf, null));
  }

  private RunConfig resolve(Map<String, String> given, Map<String, String> conf, Path file) {
    Map<String, String> all = new HashMap<>(given);
    all.put("source", "kafka");
    ConfigResolver resolver = ConfigResolver.in(dir).commandLine(all).commandLineConf(conf);
    return (file == null ? resolver : resolver.configFile(file)).resolve();
  }
}
