package io.orderstream.ops;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a streaming checkpoint stands, read from its files: Spark writes {@code offsets/N} when
 * batch N starts and {@code commits/N} when it is done. A started batch without its commit is
 * running, or it failed and nothing has retried it.
 *
 * @param lastCommitted the newest committed batch, -1 when none
 * @param committedAt when it was committed; empty when none
 * @param inFlight the batch started and not committed, -1 when none
 * @param startedAt when that batch started; empty when none is in flight
 */
public record CheckpointProgress(
    long lastCommitted, Optional<Instant> committedAt, long inFlight, Optional<Instant> startedAt) {

  public static CheckpointProgress of(String checkpoint, Configuration hadoop) throws IOException {
    Path root = new Path(checkpoint);
    FileSystem fs = root.getFileSystem(hadoop);
    Optional<FileStatus> started = newest(fs, new Path(root, "offsets"));
    Optional<FileStatus> committed = newest(fs, new Path(root, "commits"));
    long lastCommitted = committed.map(CheckpointProgress::batchOf).orElse(-1L);
    long lastStarted = started.map(CheckpointProgress::batchOf).orElse(-1L);
    boolean inFlight = lastStarted > lastCommitted;
    return new CheckpointProgress(
        lastCommitted,
        committed.map(CheckpointProgress::modified),
        inFlight ? lastStarted : -1,
        inFlight ? started.map(CheckpointProgress::modified) : Optional.empty());
  }

  private static Optional<FileStatus> newest(FileSystem fs, Path folder) throws IOException {
    if (!fs.exists(folder)) {
      return Optional.empty();
    }
    FileStatus newest = null;
    for (FileStatus file : fs.listStatus(folder)) {
      if (file.getPath().getName().matches("\\d+")
          && (newest == null || batchOf(file) > batchOf(newest))) {
        newest = file;
      }
    }
    return Optional.ofNullable(newest);
  }

  private static long batchOf(FileStatus file) {
    return Long.parseLong(file.getPath().getName());
  }

  private static Instant modified(FileStatus file) {
    return Instant.ofEpochMilli(file.getModificationTime());
  }
}
