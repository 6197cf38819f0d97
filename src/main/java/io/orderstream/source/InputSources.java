package io.orderstream.source;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.source.files.FolderInputSource;
import io.orderstream.source.kafka.KafkaInputSource;
import io.orderstream.source.sqs.SqsInputSource;

/** The {@link InputSource} a run's {@code source} setting names. */
public final class InputSources {
  private InputSources() {}

  public static InputSource of(RunConfig config) {
    String source = config.value(Setting.SOURCE);
    return switch (source) {
      case "files" -> new FolderInputSource(config);
      case "sqs" -> new SqsInputSource(config);
      case "kafka" -> new KafkaInputSource(config);
      default -> throw new IllegalStateException("Setting validation let through source " + source);
    };
  }
}
