package io.orderstream.config;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Every setting's resolved value, by key: how a part of the program reads a setting that only it
 * uses (a source's endpoint, say) without a field of its own in {@link RunConfig}.
 */
public final class SettingValues {
  private final Map<String, Object> values;

  SettingValues(Map<String, Object> values) {
    this.values = Map.copyOf(values);
  }

  /** Only the defaults: for configurations built in code. */
  public static SettingValues defaults() {
    return new SettingValues(Map.of());
  }

  /** The resolved value of {@code setting}, or its default when it was not resolved. */
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    Object value = values.get(setting.key());
    return value != null ? (T) value : setting.parse(setting.defaultValue(), setting.key());
  }

  /**
   * The pass-through settings whose keys start with {@code prefix} ({@code kafka.} client
   * settings), keys as given.
   */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> found = new TreeMap<>();
    values.forEach(
        (key, value) -> {
          if (key.startsWith(prefix) && value instanceof String text) {
            found.put(key, text);
          }
        });
    return found;
  }

  /**
   * A copy with {@code setting} set to {@code value}: for tests and tools that build configs in
   * code.
   */
  public <T> SettingValues with(Setting<T> setting, T value) {
    Map<String, Object> copy = new java.util.HashMap<>(values);
    copy.put(setting.key(), value);
    return new SettingValues(copy);
  }

  /** Equal when every setting has the same value, given or by default. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SettingValues that
        && Setting.all().stream()
            .allMatch(setting -> java.util.Objects.equals(get(setting), that.get(setting)));
  }

  @Override
  public int hashCode() {
    return Setting.all().stream().map(this::get).toList().hashCode();
  }

  /**
   * Every setting's value in {@link Setting#all()}'s order, then the pass-through settings ({@code
   * kafka.*}), values under secret-looking keys masked ({@link Secrets}).
   */
  @Override
  public String toString() {
    StringJoiner shown = new StringJoiner(", ");
    Setting.all().forEach(setting -> shown.add(setting.key() + "=" + shown(setting, get(setting))));
    Secrets.shown(passThrough()).forEach((key, value) -> shown.add(key + "=" + value));
    return shown.toString();
  }

  private static String shown(Setting<?> setting, Object value) {
    return Secrets.shown(setting.key(), value);
  }

  private Map<String, String> passThrough() {
    Map<String, String> found = new TreeMap<>();
    values.forEach(
        (key, value) -> {
          if (Setting.byKey(key).isEmpty()) {
            found.put(key, String.valueOf(value));
          }
        });
    return found;
  }
}
