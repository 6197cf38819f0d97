package io.orderstream.config;

import java.time.Duration;
import java.util.Map;

/**
 * Everything {@code orderstream run} needs, resolved and validated once at start-up.
 *
 * @param input folder or Hadoop URI the event files arrive in
 * @param tables folder or URI under which each Delta table gets a sub-folder
 * @param checkpoint folder or URI of the streaming checkpoint
 * @param once drain what is available (Trigger.AvailableNow) and exit, instead of running forever
 * @param triggerInterval time between micro-batches when running continuously
 * @param maxFilesPerTrigger upper bound on files read by one micro-batch
 * @param sparkMaster Spark master URL; {@code local[*]} for the embedded default
 * @param sparkConf extra Spark settings ({@code spark.*} keys) passed to the session as they are
 * @param settings every setting's resolved value, for the parts that read settings of their own (a
 *     source's endpoint, size limits) through {@link #value}
 */
public record RunConfig(
    String input,
    String tables,
    String checkpoint,
    boolean once,
    Duration triggerInterval,
    int maxFilesPerTrigger,
    String sparkMaster,
    Map<String, String> sparkConf,
    SettingValues settings) {

  public RunConfig {
    sparkConf = Map.copyOf(sparkConf);
    // The fields win: value(Setting.INPUT) and input() can never disagree.
    settings =
        settings
            .with(Setting.INPUT, input)
            .with(Setting.TABLES, tables)
            .with(Setting.CHECKPOINT, checkpoint)
            .with(Setting.ONCE, once)
            .with(Setting.TRIGGER_INTERVAL, triggerInterval)
            .with(Setting.MAX_FILES_PER_TRIGGER, maxFilesPerTrigger)
            .with(Setting.SPARK_MASTER, sparkMaster);
  }

  /** A configuration built in code: every other setting at its default. */
  public RunConfig(
      String input,
      String tables,
      String checkpoint,
      boolean once,
      Duration triggerInterval,
      int maxFilesPerTrigger,
      String sparkMaster,
      Map<String, String> sparkConf) {
    this(
        input,
        tables,
        checkpoint,
        once,
        triggerInterval,
        maxFilesPerTrigger,
        sparkMaster,
        sparkConf,
        SettingValues.defaults());
  }

  /** The value of any setting, as resolved (its default when not given). */
  public <T> T value(Setting<T> setting) {
    return settings.get(setting);
  }

  /** A copy with one more setting changed: for tests and tools. */
  public <T> RunConfig with(Setting<T> setting, T value) {
    return new RunConfig(
        input,
        tables,
        checkpoint,
        once,
        triggerInterval,
        maxFilesPerTrigger,
        sparkMaster,
        sparkConf,
        settings.with(setting, value));
  }

  /**
   * Every setting's value and the Spark settings, values under secret-looking keys masked ({@link
   * Secrets}): configurations get logged.
   */
  @Override
  public String toString() {
    return "RunConfig[" + settings + ", sparkConf=" + Secrets.shown(sparkConf) + "]";
  }
}
