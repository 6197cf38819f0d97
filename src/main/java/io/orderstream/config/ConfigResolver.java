package io.orderstream.config;

import io.orderstream.error.Errors;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Resolves the settings of one {@code orderstream run} into a validated, immutable {@link
 * RunConfig}.
 *
 * <p>Precedence, highest first: <b>command line &gt; environment &gt; config file &gt;
 * defaults</b>. Each {@link Setting} takes its whole value from the highest source that has it:
 *
 * <ol>
 *   <li>command line: the setting's option ({@code --input}); for {@code spark.master} also {@code
 *       --conf spark.master=...}, which {@code --master} beats, and then spark-submit's own {@code
 *       --master} (see {@link #launcherMaster});
 *   <li>environment: the setting's variable ({@code ORDERSTREAM_INPUT}); an empty variable counts
 *       as unset;
 *   <li>config file ({@code --config}, Java properties): the setting's key ({@code input});
 *   <li>the setting's default.
 * </ol>
 *
 * <p>Spark settings ({@code spark.*} keys other than {@code spark.master}) come from the config
 * file and {@code --conf}, merged key by key with {@code --conf} winning, and pass to Spark
 * unchecked; Kafka client settings ({@code kafka.*}) likewise, to the Kafka source, through {@link
 * SettingValues#withPrefix}. Unknown other keys in the file are an error, not ignored: they are
 * usually typos.
 *
 * <p>Every value is parsed and checked here, once; a bad one is an {@link
 * io.orderstream.error.OrderstreamException} (exit 2) naming the setting as the user spelled it in
 * that source, the value, and what is expected. Relative local paths resolve against the working
 * directory. The local input folder must exist; local output locations must be creatable; input,
 * tables and checkpoint must not contain one another. URIs with a scheme other than {@code file:}
 * are left to the pipeline.
 *
 * <p>The resolver reads no process state: the caller passes the environment and the working
 * directory, so tests are hermetic. It reads the config file and looks at the disk, but writes
 * nothing. An instance is a one-shot builder: set the sources, then {@link #resolve()}.
 */
public final class ConfigResolver {
  private final Path workingDirectory;
  private Map<String, String> commandLine = Map.of();
  private Map<String, String> commandLineConf = Map.of();
  private Map<String, String> environment = Map.of();
  private Path configFile;
  private String launcherMaster;

  private ConfigResolver(Path workingDirectory) {
    this.workingDirectory = workingDirectory.toAbsolutePath();
  }

  /** A resolver with only the defaults as source; relative paths resolve against the folder. */
  public static ConfigResolver in(Path workingDirectory) {
    return new ConfigResolver(workingDirectory);
  }

  /**
   * Values given on the command line, by {@link Setting#key()} (not option name); settings not
   * given must be absent, not null.
   */
  public ConfigResolver commandLine(Map<String, String> valuesByKey) {
    valuesByKey
        .keySet()
        .forEach(
            key ->
                Setting.byKey(key)
                    .orElseThrow(() -> new IllegalArgumentException("Not a setting key: " + key)));
    this.commandLine = Map.copyOf(valuesByKey);
    return this;
  }

  /** The {@code --conf key=value} pairs; every key must start with {@code spark.}. */
  public ConfigResolver commandLineConf(Map<String, String> conf) {
    this.commandLineConf = Map.copyOf(conf);
    return this;
  }

  /** The process environment (or a test's stand-in); only the settings' variables are read. */
  public ConfigResolver environment(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    return this;
  }

  /**
   * The master spark-submit was started with (it hands it over as the system property {@code
   * spark.master}), or null when orderstream was not started by spark-submit. Without this source
   * the setting's default, {@code local[*]}, would silently beat {@code spark-submit --master
   * yarn}: a cluster job running on its driver alone.
   */
  public ConfigResolver launcherMaster(String master) {
    this.launcherMaster = master == null || master.isBlank() ? null : master;
    return this;
  }

  /** The {@code --config} file; relative to the working directory unless absolute. */
  public ConfigResolver configFile(Path file) {
    this.configFile = file;
    return this;
  }

  /** Reads, checks and combines every source; see the class comment for the rules. */
  public RunConfig resolve() {
    Map<String, String> file = readConfigFile();
    rejectUnknownFileKeys(file);
    rejectNonSparkConf();
    Location input = location(Setting.INPUT, file);
    Location tables = location(Setting.TABLES, file);
    Location checkpoint = location(Setting.CHECKPOINT, file);
    boolean once = value(Setting.ONCE, file);
    Duration triggerInterval = value(Setting.TRIGGER_INTERVAL, file);
    int maxFilesPerTrigger = value(Setting.MAX_FILES_PER_TRIGGER, file);
    String sparkMaster = value(Setting.SPARK_MASTER, file);
    Map<String, Object> values = new HashMap<>();
    for (Setting<?> setting : Setting.all()) {
      values.put(setting.key(), value(setting, file));
    }
    values.put(Setting.INPUT.key(), input.value());
    values.put(Setting.TABLES.key(), tables.value());
    values.put(Setting.CHECKPOINT.key(), checkpoint.value());
    values.putAll(passThrough(Setting.KAFKA_PREFIX, file));
    requireSaltForHash(file);
    if ("files".equals(values.get(Setting.SOURCE.key()))) {
      requireInputFolder(input); // the other sources read no folder, and check their own settings
    }
    requireCreatableFolder(tables);
    requireCreatableFolder(checkpoint);
    rejectOverlap(input, tables);
    rejectOverlap(input, checkpoint);
    rejectOverlap(tables, checkpoint);
    return new RunConfig(
        input.value(),
        tables.value(),
        checkpoint.value(),
        once,
        triggerInterval,
        maxFilesPerTrigger,
        sparkMaster,
        passThrough(Setting.SPARK_PREFIX, file),
        new SettingValues(values));
  }

  /**
   * Only the Spark settings ({@code spark.master} and the {@code spark.*} pass-through), by the
   * same rules as {@link #resolve()}, for commands that start Spark without running the pipeline.
   * The config file is checked as for a run; no location is looked at.
   */
  public SparkSettings resolveSpark() {
    Map<String, String> file = readConfigFile();
    rejectUnknownFileKeys(file);
    rejectNonSparkConf();
    return new SparkSettings(
        value(Setting.SPARK_MASTER, file), passThrough(Setting.SPARK_PREFIX, file));
  }

  // ---------------------------------------------------------------- sources and precedence

  /** The text of a setting and how the user named it there; precedence lives here and only here. */
  private record Raw(String text, String origin) {}

  private Raw raw(Setting<?> setting, Map<String, String> file) {
    if (commandLine.containsKey(setting.key())) {
      return new Raw(commandLine.get(setting.key()), setting.option());
    }
    if (commandLineConf.containsKey(setting.key())) {
      return new Raw(commandLineConf.get(setting.key()), "--conf " + setting.key());
    }
    if (setting == Setting.SPARK_MASTER && launcherMaster != null) {
      return new Raw(launcherMaster, "spark-submit --master");
    }
    String fromEnvironment = environment.get(setting.envVar());
    if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
      return new Raw(fromEnvironment, setting.envVar());
    }
    if (file.containsKey(setting.key())) {
      return new Raw(file.get(setting.key()), setting.key());
    }
    return new Raw(setting.defaultValue(), setting.option());
  }

  private <T> T value(Setting<T> setting, Map<String, String> file) {
    Raw raw = raw(setting, file);
    return setting.parse(raw.text(), raw.origin());
  }

  private Location location(Setting<String> setting, Map<String, String> file) {
    Raw raw = raw(setting, file);
    return Location.of(setting.parse(raw.text(), raw.origin()), raw.origin(), workingDirectory);
  }

  /** The config file's and --conf's keys with {@code prefix}, merged key by key, --conf winning. */
  private Map<String, String> passThrough(String prefix, Map<String, String> file) {
    Map<String, String> merged = new TreeMap<>();
    file.forEach((key, value) -> putIfPassThrough(merged, prefix, key, value));
    commandLineConf.forEach((key, value) -> putIfPassThrough(merged, prefix, key, value));
    return merged;
  }

  private static void putIfPassThrough(
      Map<String, String> conf, String prefix, String key, String value) {
    if (key.startsWith(prefix) && Setting.byKey(key).isEmpty()) {
      conf.put(key, value);
    }
  }

  // ---------------------------------------------------------------- config file

  private Map<String, String> readConfigFile() {
    if (configFile == null) {
      return Map.of();
    }
    Properties properties = new Properties();
    try (Reader reader =
        Files.newBufferedReader(workingDirectory.resolve(configFile), StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw Errors.missingConfigFile(configFile.toString());
    } catch (IOException | IllegalArgumentException e) { // a folder, bad UTF-8, a malformed escape
      throw Errors.unreadableConfigFile(configFile.toString(), e);
    }
    Map<String, String> values = new TreeMap<>();
    properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
    return values;
  }

  private void rejectUnknownFileKeys(Map<String, String> file) {
    for (String key : file.keySet()) {
      if (!passedThrough(key) && Setting.byKey(key).isEmpty()) {
        throw Errors.unknownSetting(key, "config file '" + configFile + "'", Setting.knownKeys());
      }
    }
  }

  // ---------------------------------------------------------------- checks

  /** Only the key is echoed: a misplaced credential (fs.s3a.secret.key=...) must not reach logs. */
  private void rejectNonSparkConf() {
    for (String key : new TreeMap<>(commandLineConf).keySet()) {
      if (!passedThrough(key)) {
        throw Errors.invalidSetting(
            "--conf",
            key,
            "a key starting with spark. or kafka. (Hadoop settings go as spark.hadoop.*; orderstream's own"
                + " settings have their own options, see run --help)");
      }
    }
  }

  /** Named as the user gave the salt; an absent salt is blamed on its option. */
  private void requireSaltForHash(Map<String, String> file) {
    Raw salt = raw(Setting.PERSONAL_COLUMNS_SALT, file);
    value(Setting.PERSONAL_COLUMNS, file)
        .requireSalt(
            Setting.PERSONAL_COLUMNS_SALT.parse(salt.text(), salt.origin()), salt.origin());
  }

  private static boolean passedThrough(String key) {
    return key.startsWith(Setting.SPARK_PREFIX) || key.startsWith(Setting.KAFKA_PREFIX);
  }

  private static void requireInputFolder(Location input) {
    if (input.local() != null && !Files.isDirectory(input.local())) {
      throw Errors.missingInput(input.origin(), input.value());
    }
  }

  /** The nearest existing folder on the way must be writable; nothing is created here. */
  private static void requireCreatableFolder(Location location) {
    if (location.local() == null) {
      return;
    }
    Path existing = location.local();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return; // not even the root exists: let the pipeline report what the file system says
    }
    if (!Files.isDirectory(existing)) {
      throw Errors.unusableLocation(
          location.origin(), location.value(), "'" + existing + "' is a file");
    }
    if (!Files.isWritable(existing)) {
      throw Errors.unusableLocation(
          location.origin(), location.value(), "'" + existing + "' is not writable");
    }
  }

  /** Blames {@code later}: the input (or the tables) was there first in the user's mind. */
  private static void rejectOverlap(Location earlier, Location later) {
    if (later.overlaps(earlier)) {
      throw Errors.invalidSetting(
          later.origin(),
          later.value(),
          "a location apart from "
              + earlier.origin()
              + " ('"
              + earlier.value()
              + "'): input, tables and checkpoint must not contain one another");
    }
  }
}
