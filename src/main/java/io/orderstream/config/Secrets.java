package io.orderstream.config;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which settings hold secrets, told by their keys, and how their values are shown: the one rule for
 * every place that logs or prints settings ({@link RunConfig}, {@link SettingValues}, {@link
 * SparkSettings}) and for the Spark session's own redaction ({@code spark.redaction.regex}, which
 * masks the same keys in Spark's UI, event logs and plans).
 *
 * <p>The words are Spark's default ({@code secret}, {@code password}, {@code token}, {@code
 * access.key}) and what that misses among the settings users pass: Kafka's {@code sasl.jaas.config}
 * ({@code jaas}), Hadoop's credential providers and Azure's {@code fs.azure.account.key.*} ({@code
 * credential}, {@code account.key}), private and encryption keys, and {@code personal-columns-salt}
 * ({@code salt}). Matching a key by mistake only hides a value from a log; missing one writes a
 * secret to it.
 */
public final class Secrets {
  /** Keys, in any case, that contain one of these hold secrets. */
  public static final String KEY_REGEX =
      "(?i)secret|password|passwd|token|jaas|credential|salt|access[.]?key|account[.]key"
          + "|private[.]?key|encryption[.]key";

  /** What a secret value is shown as: Spark's own mask, so both read the same in a log. */
  public static final String MASK = "*********(redacted)";

  private static final Pattern KEY = Pattern.compile(KEY_REGEX);

  private Secrets() {}

  /** Whether the value under {@code key} must never be shown. */
  public static boolean isSecret(String key) {
    return KEY.matcher(key).find();
  }

  /** {@code value} as it may be shown under {@code key}. */
  public static String shown(String key, Object value) {
    return isSecret(key) ? MASK : String.valueOf(value);
  }

  /** {@code settings} sorted by key, secret values masked. */
  public static Map<String, String> shown(Map<String, String> settings) {
    Map<String, String> shown = new TreeMap<>();
    settings.forEach((key, value) -> shown.put(key, shown(key, value)));
    return shown;
  }
}
