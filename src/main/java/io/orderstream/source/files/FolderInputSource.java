package io.orderstream.source.files;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.error.Errors;
import io.orderstream.error.StorageFailure;
import io.orderstream.source.InputSource;
import io.orderstream.source.inputs.InputStreams;
import io.orderstream.source.inputs.LegacyCheckpoint;
import io.orderstream.store.FailFast;
import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Event files in a folder or bucket prefix ({@code --source files}, the default): every file is
 * read once, whatever its name or modification time, tracked by its URI in the checkpoint. Files
 * must appear whole: written elsewhere (or under a name starting with '.' or '_') and renamed in.
 */
public final class FolderInputSource implements InputSource {
  private final RunConfig config;

  public FolderInputSource(RunConfig config) {
    this.config = config;
  }

  @Override
  public void validate(SparkSession spark) {
    Path input = new Path(config.input());
    try (FileSystem fs = FailFast.open(input, spark.sparkContext().hadoopConfiguration())) {
      FileStatus status = fs.getFileStatus(input);
      if (!status.isDirectory()) {
        throw Errors.missingInput("input", config.input());
      }
    } catch (IOException e) {
      StorageFailure failure = StorageFailure.of(e);
      throw failure.kind() == StorageFailure.Kind.MISSING
          ? Errors.missingInput("input", config.input())
          : Errors.unreadableInput("input", config.input(), failure.explain());
    }
    LegacyCheckpoint.refuse(config.checkpoint(), spark.sparkContext().hadoopConfiguration());
  }

  @Override
  public Dataset<Row> stream(SparkSession spark) {
    FolderDiscovery discovery =
        new FolderDiscovery(
            config.input(), spark.sessionState().newHadoopConf(), config.value(Setting.RECURSIVE));
    return InputStreams.of(spark, discovery, config);
  }

  @Override
  public String describe() {
    return "folder " + config.input();
  }
}
