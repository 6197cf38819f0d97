package io.orderstream.source.inputs;

import io.orderstream.error.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Refuses a checkpoint made by Spark's file source (orderstream 0.1): its source log names files
 * per batch in Spark's own format, which this source cannot continue, and guessing would read files
 * twice or skip them.
 */
public final class LegacyCheckpoint {
  private LegacyCheckpoint() {}

  public static void refuse(String checkpoint, Configuration hadoop) {
    Path sourceLog = new Path(checkpoint, "sources/0");
    try {
      FileSystem fs = sourceLog.getFileSystem(hadoop);
      if (!fs.exists(sourceLog) || fs.exists(new Path(sourceLog, "inputs"))) {
        return;
      }
      for (FileStatus entry : fs.listStatus(sourceLog)) {
        String name = entry.getPath().getName();
        if (name.matches("\\d+(\\.compact)?")) {
          throw Errors.legacyCheckpoint(checkpoint);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the checkpoint's source log at " + sourceLog, e);
    }
  }
}
