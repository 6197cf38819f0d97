package io.orderstream.source.files;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.error.Errors;
import io.orderstream.error.StorageFailure;
import io.orderstream.source.Backlog;
import io.orderstream.source.InputSource;
import io.orderstream.source.inputs.InputLog;
import io.orderstream.source.inputs.InputStreams;
import io.orderstream.source.inputs.LegacyCheckpoint;
import io.orderstream.store.FailFast;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
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
  private FolderDiscovery discovery;

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
    return InputStreams.of(spark, discovery(spark), config);
  }

  /**
   * The files listed now that no batch of the checkpoint's input log has planned. A batch planned
   * before a crash but not committed is read again without being counted here; files that land
   * between this count and the query's start are read too: the progress bar then raises its total.
   */
  @Override
  public Backlog backlog(SparkSession spark) {
    InputLog log = InputLog.ofCheckpoint(config.checkpoint(), spark.sessionState().newHadoopConf());
    return Backlog.of(discovery(spark).waiting(log.uris()::contains));
  }

  /** The files the last batch's planning listed and left waiting. */
  @Override
  public Backlog waiting(long batchId) {
    return discovery == null ? Backlog.unknown() : new Backlog(discovery.waitingAfterLastPlan());
  }

  /**
   * The files in {@code input} that no batch of {@code checkpoint} has planned, listed now: what
   * {@code orderstream status --input} reports as waiting, by the rules of a run.
   */
  public static long waitingNow(
      String input, String checkpoint, Configuration hadoop, boolean recursive) {
    InputLog log = InputLog.ofCheckpoint(checkpoint, hadoop);
    return new FolderDiscovery(input, hadoop, recursive).waiting(log.uris()::contains);
  }

  /**
   * One discovery for the count and the stream (and the stream's restart), so a sub-folder that is
   * not read is logged once per run, not once per listing party.
   */
  private FolderDiscovery discovery(SparkSession spark) {
    if (discovery == null) {
      discovery =
          new FolderDiscovery(
              config.input(),
              spark.sessionState().newHadoopConf(),
              config.value(Setting.RECURSIVE));
    }
    return discovery;
  }

  @Override
  public String describe() {
    return "folder " + config.input();
  }
}
