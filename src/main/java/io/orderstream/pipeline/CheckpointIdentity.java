package io.orderstream.pipeline;

import io.orderstream.error.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The identity of a checkpoint: the app id under which its batches write to Delta, and the tables
 * location it was created for. Stored beside Spark's own files as {@code orderstream.properties}.
 *
 * <p>A checkpoint's batch ids only make sense against the tables it wrote; pairing it with other
 * tables would skip or repeat batches there, so that is refused.
 */
public record CheckpointIdentity(String appId, String tables) {
  static final String FILE = "orderstream.properties";

  static CheckpointIdentity loadOrCreate(String checkpoint, String tables, Configuration hadoop) {
    Path file = new Path(checkpoint, FILE);
    try {
      FileSystem fs = file.getFileSystem(hadoop);
      if (fs.exists(file)) {
        CheckpointIdentity existing = read(fs, file);
        if (!existing.tables().equals(tables)) {
          throw Errors.checkpointMismatch(checkpoint, "it wrote tables at '" + existing.tables() + "', not '" + tables + "'");
        }
        return existing;
      }
      CheckpointIdentity created = new CheckpointIdentity("orderstream-" + UUID.randomUUID(), tables);
      created.write(fs, file);
      return created;
    } catch (IOException e) {
      throw Errors.unwritableLocation("checkpoint", checkpoint, e);
    }
  }

  private static CheckpointIdentity read(FileSystem fs, Path file) throws IOException {
    Properties props = new Properties();
    try (InputStream in = fs.open(file)) {
      props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return new CheckpointIdentity(props.getProperty("app-id"), props.getProperty("tables"));
  }

  private void write(FileSystem fs, Path file) throws IOException {
    Properties props = new Properties();
    props.setProperty("app-id", appId);
    props.setProperty("tables", tables);
    fs.mkdirs(file.getParent());
    // Written aside, then renamed: a kill during the very first start must not leave a half-written
    // identity that every later start would fail to read.
    Path temp = new Path(file.getParent(), "." + FILE + "." + UUID.randomUUID() + ".tmp");
    try (OutputStream out = fs.create(temp, false)) {
      props.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), "orderstream checkpoint identity; do not edit");
    }
    if (!fs.rename(temp, file)) {
      fs.delete(temp, false);
      throw new IOException("could not rename " + temp + " to " + file);
    }
  }
}
