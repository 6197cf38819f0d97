package io.orderstream.source.inputs;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Starts the streaming read of a discovery's inputs, with the run's batch and size limits. */
public final class InputStreams {
  private InputStreams() {}

  public static Dataset<Row> of(SparkSession spark, InputDiscovery discovery, RunConfig config) {
    String id = Discoveries.register(discovery);
    return spark
        .readStream()
        .format(InputsProvider.class.getName())
        .options(
            InputsProvider.options(
                id,
                config.value(Setting.MAX_INPUT_SIZE),
                config.maxFilesPerTrigger(),
                config.value(Setting.MAX_BYTES_PER_TRIGGER)))
        .load();
  }
}
