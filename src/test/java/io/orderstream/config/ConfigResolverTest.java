package io.orderstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.error.OrderstreamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {

  @TempDir Path dir;

  @BeforeEach
  void createDefaultInput() throws IOException {
    Files.createDirectories(dir.resolve("samples/events"));
  }

  // ---------------------------------------------------------------- fixtures

  private ConfigResolver resolver() {
    return ConfigResolver.in(dir);
  }

  private Path configFile(String... lines) throws IOException {
    return Files.writeString(dir.resolve("orderstream.properties"), String.join("\n", lines));
  }

  private static void assertUsageError(Runnable action, String message) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            OrderstreamException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageContaining(message);
  }

  // ---------------------------------------------------------------- defaults

  @Test
  void resolveWithoutSourcesGivesDefaults() {
    RunConfig config = resolver().resolve();

    assertThat(config.input()).isEqualTo(dir.resolve("samples/events").toString());
    assertThat(config.tables()).isEqualTo(dir.resolve("data/tables").toString());
    assertThat(config.checkpoint()).isEqualTo(dir.resolve("data/checkpoint").toString());
    assertThat(config.once()).isFalse();
    assertThat(config.triggerInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.maxFilesPerTrigger()).isEqualTo(1000);
    assertThat(config.sparkMaster()).isEqualTo("local[*]");
    assertThat(config.sparkConf()).isEmpty();
  }

  // ---------------------------------------------------------------- precedence, one test per layer

  @Test
  void configFileBeatsDefault() throws IOException {
    RunConfig config = resolver().configFile(configFile("trigger-interval=10s")).resolve();

    assertThat(config.triggerInterval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void environmentBeatsConfigFile() throws IOException {
    RunConfig config =
        resolver()
            .configFile(configFile("trigger-interval=10s"))
            .environment(Map.of("ORDERSTREAM_TRIGGER_INTERVAL", "20s"))
            .resolve();

    assertThat(config.triggerInterval()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void commandLineBeatsEnvironment() throws IOException {
    RunConfig config =
        resolver()
            .configFile(configFile("trigger-interval=10s"))
            .environment(Map.of("ORDERSTREAM_TRIGGER_INTERVAL", "20s"))
            .commandLine(Map.of("trigger-interval", "30s"))
            .resolve();

    assertThat(config.triggerInterval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void emptyEnvironmentVariableCountsAsUnset() throws IOException {
    RunConfig config =
        resolver()
            .configFile(configFile("trigger-interval=10s"))
            .environment(Map.of("ORDERSTREAM_TRIGGER_INTERVAL", ""))
            .resolve();

    assertThat(config.triggerInterval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void everySettingIsReadFromItsFileKey() throws IOException {
    Files.createDirectories(dir.resolve("in"));
    RunConfig config =
        resolver()
            .configFile(
                configFile(
                    "input=in",
                    "tables=out/t",
                    "checkpoint=out/c",
                    "once=true",
                    "trigger-interval=2m",
                    "max-files-per-trigger=7",
                    "spark.master=local[2]",
                    "source=files",
                    "max-input-size=1MB",
                    "max-bytes-per-trigger=2kb",
                    "recursive=true"))
            .resolve();

    assertThat(config)
        .isEqualTo(
            new RunConfig(
                    dir.resolve("in").toString(),
                    dir.resolve("out/t").toString(),
                    dir.resolve("out/c").toString(),
                    true,
                    Duration.ofMinutes(2),
                    7,
                    "local[2]",
                    Map.of())
                .with(Setting.MAX_INPUT_SIZE, 1L << 20)
                .with(Setting.MAX_BYTES_PER_TRIGGER, 2048L)
                .with(Setting.RECURSIVE, true));
  }

  @Test
  void everySettingIsReadFromItsEnvironmentVariable() throws IOException {
    Files.createDirectories(dir.resolve("in"));
    RunConfig config =
        resolver()
            .environment(
                Map.of(
                    "ORDERSTREAM_INPUT",
                    "in",
                    "ORDERSTREAM_TABLES",
                    "out/t",
                    "ORDERSTREAM_CHECKPOINT",
                    "out/c",
                    "ORDERSTREAM_ONCE",
                    "true",
                    "ORDERSTREAM_TRIGGER_INTERVAL",
                    "2m",
                    "ORDERSTREAM_MAX_FILES_PER_TRIGGER",
                    "7",
                    "ORDERSTREAM_SPARK_MASTER",
                    "local[2]",
                    "SPARK_MASTER",
                    "ignored",
                    "ORDERSTREAM_MAX_INPUT_SIZE",
                    "3m",
                    "ORDERSTREAM_RECURSIVE",
                    "true"))
            .resolve();

    assertThat(config)
        .isEqualTo(
            new RunConfig(
                    dir.resolve("in").toString(),
                    dir.resolve("out/t").toString(),
                    dir.resolve("out/c").toString(),
                    true,
                    Duration.ofMinutes(2),
                    7,
                    "local[2]",
                    Map.of())
                .with(Setting.MAX_INPUT_SIZE, 3L << 20)
                .with(Setting.RECURSIVE, true));
  }

  @Test
  void commandLineConfSparkMasterBeatsEnvironmentButNotMasterOption() {
    ConfigResolver resolver =
        resolver()
            .environment(Map.of("ORDERSTREAM_SPARK_MASTER", "local[1]"))
            .commandLineConf(Map.of("spark.master", "local[2]"));
    assertThat(resolver.resolve().sparkMaster()).isEqualTo("local[2]");

    resolver.commandLine(Map.of("spark.master", "local[3]"));
    assertThat(resolver.resolve().sparkMaster()).isEqualTo("local[3]");
  }

  @Test
  void sparkSubmitMasterBeatsEnvironmentAndDefaultButNotRunsOwnMaster() {
    assertThat(resolver().launcherMaster("spark://10.0.0.1:7077").resolve().sparkMaster())
        .as("spark-submit --master alone: not the local[*] default")
        .isEqualTo("spark://10.0.0.1:7077");
    assertThat(
            resolver()
                .environment(Map.of("ORDERSTREAM_SPARK_MASTER", "local[1]"))
                .launcherMaster("yarn")
                .resolve()
                .sparkMaster())
        .isEqualTo("yarn");
    assertThat(
            resolver()
                .launcherMaster("yarn")
                .commandLineConf(Map.of("spark.master", "local[2]"))
                .resolve()
                .sparkMaster())
        .as("run's --conf spark.master")
        .isEqualTo("local[2]");
    assertThat(resolver().launcherMaster(" ").resolve().sparkMaster())
        .as("no spark-submit")
        .isEqualTo("local[*]");
  }

  @Test
  void commandLineConfBeatsConfigFilePerSparkKey() throws IOException {
    RunConfig config =
        resolver()
            .configFile(configFile("spark.sql.shuffle.partitions=4", "spark.ui.enabled=false"))
            .commandLineConf(Map.of("spark.sql.shuffle.partitions", "8"))
            .resolve();

    assertThat(config.sparkConf())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("spark.sql.shuffle.partitions", "8", "spark.ui.enabled", "false"));
  }

  @Test
  void commandLineWithNonSettingKeyIsAProgrammingError() {
    assertThatThrownBy(() -> resolver().commandLine(Map.of("--input", "x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- messages name the source

  @Test
  void invalidValueNamesTheSettingAsSpelledInItsSource() throws IOException {
    Path file = configFile("trigger-interval=fast");
    assertUsageError(
        () -> resolver().configFile(file).resolve(),
        "Invalid value for trigger-interval: 'fast'; expected a duration such as 500ms, 5s, 2m or PT5S");
    assertUsageError(
        () -> resolver().environment(Map.of("ORDERSTREAM_TRIGGER_INTERVAL", "fast")).resolve(),
        "Invalid value for ORDERSTREAM_TRIGGER_INTERVAL: 'fast'");
    assertUsageError(
        () -> resolver().commandLine(Map.of("trigger-interval", "fast")).resolve(),
        "Invalid value for --trigger-interval: 'fast'");
    assertUsageError(
        () -> resolver().commandLineConf(Map.of("spark.master", " ")).resolve(),
        "Invalid value for --conf spark.master: ' '");
  }

  @Test
  void invalidValueInLowerLayerIsIgnoredWhenHigherLayerWins() throws IOException {
    RunConfig config =
        resolver()
            .configFile(configFile("max-files-per-trigger=lots"))
            .environment(Map.of("ORDERSTREAM_MAX_FILES_PER_TRIGGER", "5"))
            .resolve();

    assertThat(config.maxFilesPerTrigger()).isEqualTo(5);
  }

  // ---------------------------------------------------------------- config file

  @Test
  void configFileSparkKeysPassThroughExceptSparkMaster() throws IOException {
    RunConfig config =
        resolver()
            .configFile(
                configFile(
                    "spark.master=local[2]",
                    "spark.hadoop.fs.s3a.endpoint=http://minio:9000",
                    "spark.hadoop.fs.s3a.path.style.access = true"))
            .resolve();

    assertThat(config.sparkMaster()).isEqualTo("local[2]");
    assertThat(config.sparkConf())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "spark.hadoop.fs.s3a.endpoint", "http://minio:9000",
                "spark.hadoop.fs.s3a.path.style.access", "true"));
  }

  @Test
  void configFileUnknownKeyIsRejectedNamingKeyAndKnownKeys() throws IOException {
    Path file = configFile("trigger_interval=5s");

    assertUsageError(
        () -> resolver().configFile(file).resolve(),
        "Unknown setting 'trigger_interval' in config file '"
            + file
            + "'; known settings:"
            + " source, input, tables, checkpoint, once, progress, trigger-interval, max-files-per-trigger,"
            + " max-bytes-per-trigger, max-input-size, recursive, queue-url, sqs-endpoint, sqs-region,"
            + " kafka-bootstrap-servers, kafka-topic, kafka-topic-pattern, kafka-starting-offsets,"
            + " kafka-fail-on-data-loss, max-records-per-trigger, metrics-port, metrics-host, personal-columns, personal-columns-salt, spark.master, spark.*, kafka.*");
  }

  @Test
  void configFileRelativePathResolvesAgainstWorkingDirectory() throws IOException {
    configFile("max-files-per-trigger=3");

    RunConfig config = resolver().configFile(Path.of("orderstream.properties")).resolve();

    assertThat(config.maxFilesPerTrigger()).isEqualTo(3);
  }

  @Test
  void configFileMissingIsRejected() {
    assertUsageError(
        () -> resolver().configFile(Path.of("nope.properties")).resolve(),
        "Cannot read config file 'nope.properties': no such file");
  }

  @Test
  void configFileThatIsAFolderIsRejected() {
    assertUsageError(
        () -> resolver().configFile(dir).resolve(), "Cannot read config file '" + dir + "'");
  }

  // ---------------------------------------------------------------- --conf

  @Test
  void commandLineConfNonSparkKeyIsRejectedWithoutEchoingTheValue() {
    assertThatThrownBy(
            () -> resolver().commandLineConf(Map.of("fs.s3a.secret.key", "hunter2")).resolve())
        .isInstanceOf(OrderstreamException.class)
        .hasMessageStartingWith(
            "Invalid value for --conf: 'fs.s3a.secret.key'; expected a key"
                + " starting with spark. or kafka. (Hadoop settings go as spark.hadoop.*")
        .hasMessageNotContaining("hunter2");
  }

  // ---------------------------------------------------------------- locations

  @Test
  void inputMissingLocallyIsRejectedWithItsResolvedPath() {
    assertUsageError(
        () -> resolver().commandLine(Map.of("input", "missing")).resolve(),
        "Invalid value for --input: '" + dir.resolve("missing") + "'; expected an existing folder");
  }

  @Test
  void inputDefaultMissingNamesTheOption() throws IOException {
    Files.delete(dir.resolve("samples/events"));

    assertUsageError(
        () -> resolver().resolve(),
        "Invalid value for --input: '"
            + dir.resolve("samples/events")
            + "'; expected an existing folder");
  }

  @Test
  void inputThatIsAFileIsRejected() throws IOException {
    Files.writeString(dir.resolve("events.json"), "{}");

    assertUsageError(
        () -> resolver().commandLine(Map.of("input", "events.json")).resolve(),
        "expected an existing folder");
  }

  @Test
  void remoteUrisAreKeptAsGivenAndNotChecked() {
    RunConfig config =
        resolver()
            .commandLine(
                Map.of(
                    "input",
                    "s3a://bucket/events",
                    "tables",
                    "s3a://bucket/tables",
                    "checkpoint",
                    "hdfs://nn:8020/checkpoints/orders"))
            .resolve();

    assertThat(config.input()).isEqualTo("s3a://bucket/events");
    assertThat(config.tables()).isEqualTo("s3a://bucket/tables");
    assertThat(config.checkpoint()).isEqualTo("hdfs://nn:8020/checkpoints/orders");
  }

  @Test
  void fileUriIsKeptAsGivenButChecked() {
    String existing = dir.resolve("samples/events").toUri().toString();
    assertThat(resolver().commandLine(Map.of("input", existing)).resolve().input())
        .isEqualTo(existing);

    String missing = dir.resolve("missing").toUri().toString();
    assertUsageError(
        () -> resolver().commandLine(Map.of("input", missing)).resolve(),
        "Invalid value for --input: '" + missing + "'; expected an existing folder");
  }

  @Test
  void fileUriRelativeIsRejected() {
    assertUsageError(
        () -> resolver().commandLine(Map.of("tables", "file:data/tables")).resolve(),
        "Invalid value for --tables: 'file:data/tables'; expected an absolute file: URI");
  }

  @Test
  void outputBehindAFileIsRejected() throws IOException {
    Files.writeString(dir.resolve("data"), "not a folder");

    assertUsageError(
        () -> resolver().resolve(),
        "Invalid value for --tables: '"
            + dir.resolve("data/tables")
            + "'; expected a writable"
            + " folder, but '"
            + dir.resolve("data")
            + "' is a file");
  }

  @Test
  void outputNotExistingYetIsAcceptedAndNotCreated() {
    RunConfig config = resolver().commandLine(Map.of("tables", "a/b/c")).resolve();

    assertThat(config.tables()).isEqualTo(dir.resolve("a/b/c").toString());
    assertThat(dir.resolve("a")).doesNotExist();
  }

  @Test
  void checkpointInsideInputIsRejected() {
    assertUsageError(
        () -> resolver().commandLine(Map.of("checkpoint", "samples/events/_cp")).resolve(),
        "Invalid value for --checkpoint: '"
            + dir.resolve("samples/events/_cp")
            + "'; expected a"
            + " location apart from --input ('"
            + dir.resolve("samples/events")
            + "')");
  }

  @Test
  void tablesSameAsCheckpointIsRejected() throws IOException {
    Path file = configFile("tables=out", "checkpoint=out/");

    assertUsageError(
        () -> resolver().configFile(file).resolve(),
        "Invalid value for checkpoint: '"
            + dir.resolve("out")
            + "'; expected a location apart"
            + " from tables");
  }

  @Test
  void remoteTablesContainingCheckpointIsRejected() {
    assertUsageError(
        () ->
            resolver()
                .commandLine(
                    Map.of("tables", "s3a://b/lake/", "checkpoint", "s3a://b/lake/_checkpoint"))
                .resolve(),
        "Invalid value for --checkpoint: 's3a://b/lake/_checkpoint'");
  }

  @Test
  void siblingsWithCommonPrefixDoNotOverlap() {
    RunConfig config =
        resolver()
            .commandLine(Map.of("tables", "s3a://b/lake", "checkpoint", "s3a://b/lake-checkpoint"))
            .resolve();

    assertThat(config.checkpoint()).isEqualTo("s3a://b/lake-checkpoint");
  }
}
