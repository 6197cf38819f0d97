package io.orderstream.export;

import io.orderstream.config.Durations;
import io.orderstream.config.UriOrPath;
import io.orderstream.error.Errors;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves {@link ExportConfig} from, highest first: <b>command line &gt; environment &gt; config
 * file &gt; default</b>, as {@code run} does. Each setting below names its option, variable and
 * file key. The password has no option, so it never shows in a process list or a shell history: it
 * comes from {@code ORDERSTREAM_JDBC_PASSWORD} or the file key {@code jdbc.password}.
 */
public final class ExportSettings {
  /** A setting's names in the three sources; {@code option} is null for the password. */
  public record Names(String option, String envVar, String key) {}

  public static final Names TABLES = new Names("--tables", "ORDERSTREAM_TABLES", "tables");
  public static final Names JDBC_URL = new Names("--jdbc-url", "ORDERSTREAM_JDBC_URL", "jdbc.url");
  public static final Names JDBC_USER =
      new Names("--jdbc-user", "ORDERSTREAM_JDBC_USER", "jdbc.user");
  public static final Names JDBC_PASSWORD =
      new Names(null, "ORDERSTREAM_JDBC_PASSWORD", "jdbc.password");
  public static final Names INTERVAL =
      new Names("--interval", "ORDERSTREAM_EXPORT_INTERVAL", "export.interval");
  public static final Names LATEST_EVENTS =
      new Names("--with-latest-events", "ORDERSTREAM_EXPORT_LATEST_EVENTS", "export.latest-events");
  private static final List<Names> ALL =
      List.of(TABLES, JDBC_URL, JDBC_USER, JDBC_PASSWORD, INTERVAL, LATEST_EVENTS);

  private final Path workingDirectory;
  private final Map<String, String> environment;
  private final Properties file;

  private ExportSettings(Path workingDirectory, Map<String, String> environment, Properties file) {
    this.workingDirectory = workingDirectory;
    this.environment = environment;
    this.file = file;
  }

  /** Settings from the environment and the config file (null for none). */
  public static ExportSettings from(
      Path workingDirectory, Map<String, String> environment, Path configFile) {
    return new ExportSettings(workingDirectory, environment, load(workingDirectory, configFile));
  }

  /**
   * The configuration; {@code given} holds the options given on the command line by option name.
   */
  public ExportConfig resolve(Map<String, String> given, boolean follow) {
    String url = value(JDBC_URL, given);
    if (url == null) {
      throw Errors.invalidSetting(
          JDBC_URL.option(),
          "",
          "a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/orders or jdbc:sqlite:orders.db (or set "
              + JDBC_URL.envVar()
              + ")");
    }
    String tables = orDefault(value(TABLES, given), "data/tables");
    String interval = orDefault(value(INTERVAL, given), "5s");
    String latest = orDefault(value(LATEST_EVENTS, given), "false");
    return new ExportConfig(
        resolved(tables),
        url,
        value(JDBC_USER, given),
        value(JDBC_PASSWORD, given),
        follow,
        duration(origin(INTERVAL, given), interval),
        bool(origin(LATEST_EVENTS, given), latest));
  }

  private String value(Names names, Map<String, String> given) {
    if (names.option() != null && given.get(names.option()) != null) {
      return given.get(names.option());
    }
    String env = environment.get(names.envVar());
    if (env != null && !env.isEmpty()) {
      return env;
    }
    return file.getProperty(names.key());
  }

  /** How the user spelled the setting in the source its value came from, for error messages. */
  private String origin(Names names, Map<String, String> given) {
    if (names.option() != null && given.get(names.option()) != null) {
      return names.option();
    }
    String env = environment.get(names.envVar());
    return env != null && !env.isEmpty() ? names.envVar() : names.key();
  }

  private String resolved(String tables) {
    return UriOrPath.resolve(tables, workingDirectory);
  }

  private static Duration duration(String origin, String text) {
    try {
      Duration interval = Durations.parse(text);
      if (interval.toMillis() >= 1) {
        return interval;
      }
    } catch (IllegalArgumentException e) {
      // reported below, with the setting's name
    }
    throw Errors.invalidSetting(
        origin, text, "a duration of at least 1ms, such as 500ms, 5s, 2m or PT5S");
  }

  private static boolean bool(String origin, String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw Errors.invalidSetting(origin, text, "true or false");
    };
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static Properties load(Path workingDirectory, Path configFile) {
    Properties properties = new Properties();
    if (configFile == null) {
      return properties;
    }
    try (Reader reader =
        Files.newBufferedReader(workingDirectory.resolve(configFile), StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw Errors.missingConfigFile(configFile.toString());
    } catch (IOException e) {
      throw Errors.unreadableConfigFile(configFile.toString(), e);
    }
    List<String> known = ALL.stream().map(Names::key).toList();
    for (String key : properties.stringPropertyNames()) {
      if (!known.contains(key)) {
        throw Errors.unknownSetting(
            key, "config file '" + configFile + "'", String.join(", ", known));
      }
    }
    return properties;
  }
}
