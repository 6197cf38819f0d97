package io.orderstream.source.kafka;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.error.Errors;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Kafka source's settings, read from a {@link RunConfig}, and what Spark's Kafka source is
 * given for them. Client settings ({@code kafka.*} keys from {@code --conf} or the config file,
 * such as {@code kafka.security.protocol}) pass to Spark's source as they are, which hands them,
 * without the prefix, to its consumers and admin client; they are never logged, since SASL settings
 * hold secrets.
 *
 * @param servers bootstrap servers, {@code HOST:PORT[,HOST:PORT...]}
 * @param topic the topic to read, or null when a pattern is given
 * @param pattern topics to read by regular expression, or null when a topic is given
 * @param startingOffsets {@code earliest} or {@code latest}: where a new checkpoint starts
 * @param failOnDataLoss whether records deleted before they were read stop the run
 * @param maxRecordsPerTrigger most records one micro-batch reads
 * @param clientSettings client settings without their {@code kafka.} prefix
 */
record KafkaSettings(
    String servers,
    String topic,
    Pattern pattern,
    String startingOffsets,
    boolean failOnDataLoss,
    long maxRecordsPerTrigger,
    Map<String, String> clientSettings) {

  KafkaSettings {
    clientSettings = Map.copyOf(clientSettings);
  }

  /** Client settings that Spark's source sets itself and refuses, with what to use instead. */
  private static final Map<String, String> RESERVED =
      Map.of(
          "auto.offset.reset", "kafka-starting-offsets",
          "enable.auto.commit", "nothing: offsets live in the checkpoint",
          "key.deserializer", "nothing: records are read as bytes",
          "value.deserializer", "nothing: records are read as bytes",
          "interceptor.classes", "nothing: Spark's source refuses consumer interceptors");

  static KafkaSettings of(RunConfig config) {
    String pattern = config.value(Setting.KAFKA_TOPIC_PATTERN);
    String topic = config.value(Setting.KAFKA_TOPIC);
    return new KafkaSettings(
        config.value(Setting.KAFKA_BOOTSTRAP_SERVERS),
        topic.isEmpty() ? null : topic,
        pattern.isEmpty() ? null : Pattern.compile(pattern),
        config.value(Setting.KAFKA_STARTING_OFFSETS),
        config.value(Setting.KAFKA_FAIL_ON_DATA_LOSS),
        config.value(Setting.MAX_RECORDS_PER_TRIGGER),
        withoutPrefix(config.settings().withPrefix(Setting.KAFKA_PREFIX)));
  }

  /** The checks that need no cluster: each failure is exit 2 naming the setting. */
  void check() {
    if ((topic == null) == (pattern == null)) {
      String given = topic == null ? "" : topic;
      throw Errors.invalidSetting(
          Setting.KAFKA_TOPIC.key(),
          given,
          "exactly one of kafka-topic (a topic name) and kafka-topic-pattern (a regular expression) with source=kafka");
    }
    RESERVED.forEach(
        (key, instead) -> {
          if (clientSettings.containsKey(key)) {
            throw Errors.invalidSetting(
                Setting.KAFKA_PREFIX + key,
                clientSettings.get(key),
                "no such client setting: Spark's Kafka source sets it; use " + instead);
          }
        });
  }

  /** Options of Spark's Kafka source. */
  Map<String, String> sourceOptions() {
    Map<String, String> options = new HashMap<>();
    clientSettings.forEach((key, value) -> options.put(Setting.KAFKA_PREFIX + key, value));
    options.put("kafka.bootstrap.servers", servers);
    if (topic != null) {
      options.put("subscribe", topic);
    } else {
      options.put("subscribePattern", pattern.pattern());
    }
    options.put("startingOffsets", startingOffsets);
    options.put("failOnDataLoss", Boolean.toString(failOnDataLoss));
    options.put("maxOffsetsPerTrigger", Long.toString(maxRecordsPerTrigger));
    return options;
  }

  private static Map<String, String> withoutPrefix(Map<String, String> prefixed) {
    Map<String, String> plain = new TreeMap<>();
    prefixed.forEach(
        (key, value) -> plain.put(key.substring(Setting.KAFKA_PREFIX.length()), value));
    return plain;
  }

  /** Client settings hold secrets (SASL's JAAS config): only their keys are shown. */
  @Override
  public String toString() {
    return "KafkaSettings[servers="
        + servers
        + ", topic="
        + topic
        + ", pattern="
        + pattern
        + ", startingOffsets="
        + startingOffsets
        + ", failOnDataLoss="
        + failOnDataLoss
        + ", maxRecordsPerTrigger="
        + maxRecordsPerTrigger
        + ", clientSettings="
        + clientSettings.keySet()
        + "]";
  }
}
