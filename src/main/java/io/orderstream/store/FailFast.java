package io.orderstream.store;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * File systems for the start-up checks: a copy of the run's Hadoop settings with few retries and
 * short timeouts, opened apart from Hadoop's cache. s3a retries an unreachable endpoint or a
 * refused request for minutes by default, which is right inside a batch and wrong for a check whose
 * job is to say at once which setting is wrong. The run itself keeps the user's settings.
 */
public final class FailFast {
  private FailFast() {}

  /** A new (uncached) file system for {@code path}; close it after the check. */
  public static FileSystem open(Path path, Configuration hadoop) throws IOException {
    Configuration quick = new Configuration(hadoop);
    quick.set("fs.s3a.attempts.maximum", "1");
    quick.set("fs.s3a.retry.limit", "1");
    quick.set("fs.s3a.retry.throttle.limit", "1");
    // s3a raises anything lower than 15 s to 15 s, with a warning the user would see at every start
    quick.set("fs.s3a.connection.establish.timeout", "15s");
    quick.set("fs.s3a.connection.timeout", "15s");
    // a missing bucket is reported when the file system opens, not later as a missing folder
    quick.set("fs.s3a.bucket.probe", "2");
    URI uri = path.toUri();
    return FileSystem.newInstance(
        uri.getScheme() == null ? FileSystem.getDefaultUri(quick) : uri, quick);
  }
}
