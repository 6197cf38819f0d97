package io.orderstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.error.OrderstreamException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingTest {

  // ---------------------------------------------------------------- definitions

  @Test
  void settingsHaveDistinctNamesInEverySource() {
    assertThat(Setting.all()).extracting(Setting::key).doesNotHaveDuplicates();
    assertThat(Setting.all())
        .extracting(Setting::option)
        .doesNotHaveDuplicates()
        .allMatch(option -> option.startsWith("--"));
    assertThat(Setting.all())
        .extracting(Setting::envVar)
        .doesNotHaveDuplicates()
        .allMatch(name -> name.startsWith("ORDERSTREAM_"));
  }

  @Test
  void settingsHaveHelpAndLabel() {
    assertThat(Setting.all())
        .allSatisfy(
            setting -> {
              assertThat(setting.help()).isNotBlank();
              assertThat(setting.label()).isNotBlank();
            });
  }

  @Test
  void byKeyFindsSettingsAndNothingElse() {
    assertThat(Setting.byKey("trigger-interval")).contains(Setting.TRIGGER_INTERVAL);
    assertThat(Setting.byKey("spark.master")).contains(Setting.SPARK_MASTER);
    assertThat(Setting.byKey("--input")).isEmpty();
    assertThat(Setting.byKey("spark.executor.memory")).isEmpty();
  }

  @Test
  void knownKeysListsEveryKeyAndSparkPrefix() {
    assertThat(Setting.knownKeys())
        .isEqualTo(
            "source, input, tables, checkpoint, once, progress, trigger-interval, max-files-per-trigger,"
                + " max-bytes-per-trigger, max-input-size, recursive, queue-url, sqs-endpoint, sqs-region,"
                + " kafka-bootstrap-servers, kafka-topic, kafka-topic-pattern, kafka-starting-offsets,"
                + " kafka-fail-on-data-loss, max-records-per-trigger, metrics-port, metrics-host, personal-columns, personal-columns-salt, spark.master, spark.*, kafka.*");
  }

  // ---------------------------------------------------------------- trigger-interval

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "5s, PT5S",
    "2m, PT2M",
    "1h, PT1H",
    "PT5S, PT5S",
    "pt1m30s, PT1M30S",
    "' 10s ', PT10S",
    "10S, PT10S"
  })
  void triggerIntervalParsesUnitsAndIso(String text, String expected) {
    assertThat(Setting.TRIGGER_INTERVAL.parse(text, "trigger-interval"))
        .isEqualTo(Duration.parse(expected));
  }

  @Test
  void triggerIntervalNotADurationIsRejectedNamingKeyValueAndSyntax() {
    assertThatThrownBy(() -> Setting.TRIGGER_INTERVAL.parse("fast", "trigger-interval"))
        .isInstanceOfSatisfying(
            OrderstreamException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessage(
            "Invalid value for trigger-interval: 'fast'; expected a duration such as"
                + " 500ms, 5s, 2m or PT5S");
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "5 seconds", "1.5s", "-5s", "s", "", "9999999999999999999h"})
  void triggerIntervalMalformedIsRejected(String text) {
    assertThatThrownBy(() -> Setting.TRIGGER_INTERVAL.parse(text, "--trigger-interval"))
        .hasMessageStartingWith("Invalid value for --trigger-interval: '" + text + "'")
        .hasMessageEndingWith("expected a duration such as 500ms, 5s, 2m or PT5S");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "0ms", "PT0S", "-PT5S", "PT0.0001S"})
  void triggerIntervalBelowOneMillisecondIsRejected(String text) {
    assertThatThrownBy(() -> Setting.TRIGGER_INTERVAL.parse(text, "trigger-interval"))
        .hasMessage(
            "Invalid value for trigger-interval: '"
                + text
                + "'; expected a duration of at"
                + " least 1ms, such as 500ms, 5s, 2m or PT5S");
  }

  // ---------------------------------------------------------------- other types

  @ParameterizedTest
  @CsvSource({"true, true", "false, false", "TRUE, true", "' false ', false"})
  void onceParsesBooleans(String text, boolean expected) {
    assertThat(Setting.ONCE.parse(text, "once")).isEqualTo(expected);
  }

  @Test
  void onceNotABooleanIsRejected() {
    assertThatThrownBy(() -> Setting.ONCE.parse("yes", "ORDERSTREAM_ONCE"))
        .hasMessage("Invalid value for ORDERSTREAM_ONCE: 'yes'; expected true or false");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "ten", "1e3", "99999999999"})
  void maxFilesPerTriggerNotPositiveIntIsRejected(String text) {
    assertThatThrownBy(() -> Setting.MAX_FILES_PER_TRIGGER.parse(text, "max-files-per-trigger"))
        .hasMessage(
            "Invalid value for max-files-per-trigger: '"
                + text
                + "'; expected a positive"
                + " whole number such as 1000");
  }

  @Test
  void textSettingBlankIsRejectedAndOtherTextStripped() {
    assertThatThrownBy(() -> Setting.INPUT.parse("  ", "--input"))
        .hasMessage("Invalid value for --input: '  '; expected a non-empty value");
    assertThat(Setting.SPARK_MASTER.parse(" local[2] ", "spark.master")).isEqualTo("local[2]");
  }
}
