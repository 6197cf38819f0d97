package io.orderstream.config;

import io.orderstream.error.Errors;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One setting of {@code orderstream run}: its names in each source (config-file key, option,
 * environment variable), its default, how its text becomes a value, which values are allowed, and
 * its help text. Everything that reads or shows a setting (the resolver, {@code run --help}) starts
 * from these constants, so adding a setting is a one-place change (plus its line in
 * docs/configuration.md and its field in {@link RunConfig}).
 *
 * <p>Defaults are written as text and go through the same parser and check as user input, so a
 * default is always a value the user could have typed.
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {

  /** The names {@link #SOURCE} accepts; each source adds its own. */
  private static final List<String> SOURCES = List.of("files", "sqs", "kafka");

  /** Keys with this prefix are Spark settings: passed to the session as they are, never checked. */
  public static final String SPARK_PREFIX = "spark.";

  /** Keys with this prefix are Kafka client settings: passed to the Kafka source as they are. */
  public static final String KAFKA_PREFIX = "kafka.";

  public static final Setting<String> INPUT =
      text("input", "--input", "ORDERSTREAM_INPUT")
          .defaultValue("samples/events", "PATH")
          .help(
              "Folder or URI (s3a://, hdfs://, file:/) the JSON order event files arrive in. With"
                  + " source sqs: an optional s3a://bucket/prefix/ outside which notified objects are"
                  + " skipped (the default folder does not apply there).");

  public static final Setting<String> TABLES =
      text("tables", "--tables", "ORDERSTREAM_TABLES")
          .defaultValue("data/tables", "PATH")
          .help("Folder or URI under which each Delta table gets its own sub-folder.");

  public static final Setting<String> CHECKPOINT =
      text("checkpoint", "--checkpoint", "ORDERSTREAM_CHECKPOINT")
          .defaultValue("data/checkpoint", "PATH")
          .help(
              "Folder or URI of the streaming checkpoint; keep it to resume where the last run"
                  + " stopped, with nothing lost or doubled.");

  public static final Setting<Boolean> ONCE =
      named("once", "--once", "ORDERSTREAM_ONCE")
          .parsedBy(Setting::parseBoolean, "true or false")
          .defaultValue("false", "BOOLEAN")
          .help("Process the files available now, then exit, instead of running until stopped.");

  public static final Setting<Boolean> PROGRESS =
      named("progress", "--progress", "ORDERSTREAM_PROGRESS")
          .parsedBy(Setting::parseBoolean, "true or false")
          .defaultValue("true", "BOOLEAN")
          .help(
              "With once on a terminal: a progress bar of the inputs read out of those waiting at"
                  + " start, events per second and time left. --no-progress draws none; nor does a"
                  + " run whose output is not a terminal, or with CI set.");

  public static final Setting<Duration> TRIGGER_INTERVAL =
      named("trigger-interval", "--trigger-interval", "ORDERSTREAM_TRIGGER_INTERVAL")
          .parsedBy(Durations::parse, "a duration such as 500ms, 5s, 2m or PT5S")
          .checkedBy(
              interval -> interval.toMillis() >= 1,
              "a duration of at least 1ms, such as 500ms, 5s, 2m or PT5S")
          .defaultValue("5s", "DURATION")
          .help(
              "Time between micro-batches when running continuously: 500ms, 5s, 2m, 1h or"
                  + " ISO-8601 such as PT5S.");

  public static final Setting<Integer> MAX_FILES_PER_TRIGGER =
      named("max-files-per-trigger", "--max-files-per-trigger", "ORDERSTREAM_MAX_FILES_PER_TRIGGER")
          .parsedBy(text -> Integer.valueOf(text.strip()), "a positive whole number such as 1000")
          .checkedBy(count -> count > 0, "a positive whole number such as 1000")
          .defaultValue("1000", "N")
          .help("Most event files one micro-batch reads; bounds the work and memory of a batch.");

  public static final Setting<String> SOURCE =
      named("source", "--source", "ORDERSTREAM_SOURCE")
          .parsedBy(text -> text.strip().toLowerCase(Locale.ROOT), "a source name")
          .checkedBy(SOURCES::contains, "one of " + String.join(", ", SOURCES))
          .defaultValue("files", "NAME")
          .help(
              "Where events come from: files (a folder or bucket prefix, listed every trigger),"
                  + " sqs (S3 event notifications on an SQS queue name the objects to read) or kafka (a"
                  + " topic, see the kafka-* settings).");

  public static final Setting<Long> MAX_INPUT_SIZE =
      named("max-input-size", "--max-input-size", "ORDERSTREAM_MAX_INPUT_SIZE")
          .parsedBy(Sizes::parse, "a size such as 64MB, 512KB or 1GB")
          .checkedBy(
              size -> size > 0 && size <= Integer.MAX_VALUE - 16,
              "a size from 1 byte to 2047MB, such as 64MB")
          .defaultValue("64MB", "SIZE")
          .help(
              "Largest input read; a larger one is quarantined as too-large with its size, unread."
                  + " Reading an input takes about 6 times its size in heap.");

  public static final Setting<Long> MAX_BYTES_PER_TRIGGER =
      named("max-bytes-per-trigger", "--max-bytes-per-trigger", "ORDERSTREAM_MAX_BYTES_PER_TRIGGER")
          .parsedBy(Sizes::parse, "a size such as 256MB or 1GB")
          .checkedBy(size -> size > 0, "a positive size such as 256MB")
          .defaultValue("256MB", "SIZE")
          .help(
              "Most input bytes one micro-batch reads (at least one input whatever its size):"
                  + " with max-files-per-trigger, bounds a batch's memory.");

  public static final Setting<Boolean> RECURSIVE =
      named("recursive", "--recursive", "ORDERSTREAM_RECURSIVE")
          .parsedBy(Setting::parseBoolean, "true or false")
          .defaultValue("false", "BOOLEAN")
          .help(
              "Read the input folder's sub-folders too. When false, sub-folders are ignored and"
                  + " each is logged once.");

  public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS =
      text(
              "kafka-bootstrap-servers",
              "--kafka-bootstrap-servers",
              "ORDERSTREAM_KAFKA_BOOTSTRAP_SERVERS")
          .defaultValue("127.0.0.1:9092", "HOST:PORT")
          .help("With source=kafka: the Kafka cluster, HOST:PORT[,HOST:PORT...].");

  public static final Setting<String> KAFKA_TOPIC =
      named("kafka-topic", "--kafka-topic", "ORDERSTREAM_KAFKA_TOPIC")
          .parsedBy(String::strip, "a topic name")
          .defaultValue("", "NAME")
          .help(
              "With source=kafka: the topic to read; or kafka-topic-pattern, exactly one of the two.");

  public static final Setting<String> KAFKA_TOPIC_PATTERN =
      named("kafka-topic-pattern", "--kafka-topic-pattern", "ORDERSTREAM_KAFKA_TOPIC_PATTERN")
          .parsedBy(String::strip, "a regular expression")
          .checkedBy(
              Setting::isRegex,
              "a Java regular expression matching whole topic names, such as orders-.*")
          .defaultValue("", "REGEX")
          .help(
              "With source=kafka: read every topic whose whole name matches, topics created later too.");

  public static final Setting<String> KAFKA_STARTING_OFFSETS =
      named(
              "kafka-starting-offsets",
              "--kafka-starting-offsets",
              "ORDERSTREAM_KAFKA_STARTING_OFFSETS")
          .parsedBy(text -> text.strip().toLowerCase(Locale.ROOT), "earliest or latest")
          .checkedBy(List.of("earliest", "latest")::contains, "earliest or latest")
          .defaultValue("earliest", "WHERE")
          .help(
              "With source=kafka: where a new checkpoint starts reading; a checkpoint resumes from its own offsets.");

  public static final Setting<Boolean> KAFKA_FAIL_ON_DATA_LOSS =
      named(
              "kafka-fail-on-data-loss",
              "--kafka-fail-on-data-loss",
              "ORDERSTREAM_KAFKA_FAIL_ON_DATA_LOSS")
          .parsedBy(Setting::parseBoolean, "true or false")
          .defaultValue("true", "BOOLEAN")
          .help(
              "With source=kafka: stop (exit 1) when records not yet read were deleted by retention;"
                  + " false skips them and goes on.");

  public static final Setting<Long> MAX_RECORDS_PER_TRIGGER =
      named(
              "max-records-per-trigger",
              "--max-records-per-trigger",
              "ORDERSTREAM_MAX_RECORDS_PER_TRIGGER")
          .parsedBy(text -> Long.valueOf(text.strip()), "a positive whole number such as 20000")
          .checkedBy(count -> count > 0, "a positive whole number such as 20000")
          .defaultValue("20000", "N")
          .help("With source=kafka: most records one micro-batch reads, over all partitions.");

  public static final Setting<Integer> METRICS_PORT =
      named("metrics-port", "--metrics-port", "ORDERSTREAM_METRICS_PORT")
          .parsedBy(
              text -> Integer.valueOf(text.strip()), "a port number from 1 to 65535, or 0 for none")
          .checkedBy(
              port -> port >= 0 && port <= 65535, "a port number from 1 to 65535, or 0 for none")
          .defaultValue("0", "PORT")
          .help(
              "While running, serve Prometheus metrics at http://HOST:PORT/metrics (see"
                  + " metrics-host); 0 serves none.");

  public static final Setting<String> METRICS_HOST =
      named("metrics-host", "--metrics-host", "ORDERSTREAM_METRICS_HOST")
          .parsedBy(String::strip, "a host name or address")
          .checkedBy(host -> !host.isEmpty(), "a host name or address such as 127.0.0.1")
          .defaultValue("127.0.0.1", "HOST")
          .help(
              "Address the metrics endpoint listens on: this machine only by default; 0.0.0.0 for"
                  + " every interface.");

  public static final Setting<PersonalColumns> PERSONAL_COLUMNS =
      named("personal-columns", "--personal-columns", "ORDERSTREAM_PERSONAL_COLUMNS")
          .parsedBy(PersonalColumns::parse, "one of " + String.join(", ", PersonalColumns.texts()))
          .defaultValue("keep", "MODE")
          .help(
              "What is written in the customer's name, e-mail, phone and document and the delivery"
                  + " address's receiver and street: keep (as they arrive), hash (SHA-256 HMAC keyed"
                  + " by personal-columns-salt, so equal values still join) or drop (null). Keys are"
                  + " never changed.");

  public static final Setting<String> PERSONAL_COLUMNS_SALT =
      named("personal-columns-salt", "--personal-columns-salt", "ORDERSTREAM_PERSONAL_COLUMNS_SALT")
          .parsedBy(String::strip, "a secret text")
          .defaultValue("", "SECRET")
          .help(
              "With personal-columns=hash, required: the secret key of the hash, at least "
                  + PersonalColumns.MIN_SALT_LENGTH
                  + " characters; never logged. Give it in the environment or the config file, not"
                  + " on the command line, which other users can see.");

  public static final Setting<String> SPARK_MASTER =
      text("spark.master", "--master", "ORDERSTREAM_SPARK_MASTER")
          .defaultValue("local[*]", "URL")
          .help("Spark master URL; local[*] runs Spark inside this process on every core.");

  public static final Setting<String> QUEUE_URL =
      named("queue-url", "--queue-url", "ORDERSTREAM_QUEUE_URL")
          .parsedBy(String::strip, "a URL")
          .defaultValue("", "URL")
          .help(
              "With source sqs: the SQS queue S3 sends its ObjectCreated notifications to (required).");

  public static final Setting<String> SQS_ENDPOINT =
      named("sqs-endpoint", "--sqs-endpoint", "ORDERSTREAM_SQS_ENDPOINT")
          .parsedBy(String::strip, "a URL")
          .defaultValue("", "URL")
          .help(
              "With source sqs: the SQS endpoint for a non-AWS server such as ElasticMQ; empty uses"
                  + " the region's AWS endpoint.");

  public static final Setting<String> SQS_REGION =
      named("sqs-region", "--sqs-region", "ORDERSTREAM_SQS_REGION")
          .parsedBy(String::strip, "a region name")
          .defaultValue("", "REGION")
          .help(
              "With source sqs: the queue's AWS region; empty takes it from AWS_REGION or the AWS"
                  + " profile.");

  private static final List<Setting<?>> ALL =
      List.of(
          SOURCE,
          INPUT,
          TABLES,
          CHECKPOINT,
          ONCE,
          PROGRESS,
          TRIGGER_INTERVAL,
          MAX_FILES_PER_TRIGGER,
          MAX_BYTES_PER_TRIGGER,
          MAX_INPUT_SIZE,
          RECURSIVE,
          QUEUE_URL,
          SQS_ENDPOINT,
          SQS_REGION,
          KAFKA_BOOTSTRAP_SERVERS,
          KAFKA_TOPIC,
          KAFKA_TOPIC_PATTERN,
          KAFKA_STARTING_OFFSETS,
          KAFKA_FAIL_ON_DATA_LOSS,
          MAX_RECORDS_PER_TRIGGER,
          METRICS_PORT,
          METRICS_HOST,
          PERSONAL_COLUMNS,
          PERSONAL_COLUMNS_SALT,
          SPARK_MASTER);

  private final String key;
  private final String option;
  private final String envVar;
  private final Function<String, T> parser;
  private final String syntax;
  private final Predicate<T> validator;
  private final String constraint;
  private final String defaultValue;
  private final String label;
  private final String help;

  private Setting(Builder<T> builder, String help) {
    this.key = builder.key;
    this.option = builder.option;
    this.envVar = builder.envVar;
    this.parser = builder.parser;
    this.syntax = builder.syntax;
    this.validator = builder.validator;
    this.constraint = builder.constraint;
    this.defaultValue = builder.defaultValue;
    this.label = builder.label;
    this.help = help;
  }

  /** Every setting, in the order help and docs list them. */
  public static List<Setting<?>> all() {
    return ALL;
  }

  /** The setting whose config-file key is {@code key}, if any. */
  public static Optional<Setting<?>> byKey(String key) {
    return ALL.stream().filter(setting -> setting.key.equals(key)).findFirst();
  }

  /** The config-file keys of all settings, for error messages. */
  public static String knownKeys() {
    return String.join(", ", ALL.stream().map(Setting::key).toList())
        + ", "
        + SPARK_PREFIX
        + "*, "
        + KAFKA_PREFIX
        + "*";
  }

  /**
   * Parses and checks {@code text}.
   *
   * @param origin how the user named the setting in the source the text came from ({@code --input},
   *     {@code ORDERSTREAM_INPUT}, {@code input}); the error message names it
   * @throws io.orderstream.error.OrderstreamException (exit 2) naming origin, text and expectation
   */
  public T parse(String text, String origin) {
    T value;
    try {
      value = parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw Errors.invalidSetting(origin, text, syntax);
    }
    if (!validator.test(value)) {
      throw Errors.invalidSetting(origin, text, constraint);
    }
    return value;
  }

  /** The key in a config file; also the setting's name in docs. */
  public String key() {
    return key;
  }

  /** The option of {@code orderstream run}. */
  public String option() {
    return option;
  }

  /** The environment variable. */
  public String envVar() {
    return envVar;
  }

  /** The default, as the user would type it. */
  public String defaultValue() {
    return defaultValue;
  }

  /** What kind of value it takes, for help text: {@code PATH}, {@code DURATION}. */
  public String label() {
    return label;
  }

  /** One or two sentences for {@code --help} and the docs. */
  public String help() {
    return help;
  }

  @Override
  public String toString() {
    return key;
  }

  // ---------------------------------------------------------------- parsers

  private static String parseNonBlank(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("blank");
    }
    return text.strip();
  }

  private static boolean isRegex(String text) {
    try {
      Pattern.compile(text);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  private static Boolean parseBoolean(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("not a boolean: " + text);
    };
  }

  // ---------------------------------------------------------------- definition

  private static Names named(String key, String option, String envVar) {
    return new Names(key, option, envVar);
  }

  /** Free text (paths, URLs): anything but blank; what it means is checked by the resolver. */
  private static Builder<String> text(String key, String option, String envVar) {
    return named(key, option, envVar).parsedBy(Setting::parseNonBlank, "a non-empty value");
  }

  /** The first step of a definition: the setting's names in each source. */
  private record Names(String key, String option, String envVar) {
    /**
     * {@code parser} throws {@link IllegalArgumentException} on bad text; {@code syntax} then
     * completes "expected ...".
     */
    <T> Builder<T> parsedBy(Function<String, T> parser, String syntax) {
      return new Builder<>(this, parser, syntax);
    }
  }

  /** The rest of a definition; {@link #help} completes it. */
  private static final class Builder<T> {
    private final String key;
    private final String option;
    private final String envVar;
    private final Function<String, T> parser;
    private final String syntax;
    private Predicate<T> validator = value -> true;
    private String constraint = "";
    private String defaultValue;
    private String label;

    private Builder(Names names, Function<String, T> parser, String syntax) {
      this.key = names.key();
      this.option = names.option();
      this.envVar = names.envVar();
      this.parser = parser;
      this.syntax = syntax;
    }

    /** {@code constraint} completes "expected ..." when {@code validator} rejects a value. */
    Builder<T> checkedBy(Predicate<T> validator, String constraint) {
      this.validator = validator;
      this.constraint = constraint;
      return this;
    }

    /** The default as text, and the label help shows for the value. */
    Builder<T> defaultValue(String defaultValue, String label) {
      this.defaultValue = defaultValue;
      this.label = label;
      return this;
    }

    Setting<T> help(String help) {
      Setting<T> setting = new Setting<>(this, help);
      setting.parse(defaultValue, key); // a default that fails its own check is a bug: fail at load
      return setting;
    }
  }
}
