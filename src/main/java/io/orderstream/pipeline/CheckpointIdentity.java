package io.orderstream.pipeline;

import io.orderstream.error.Errors;
import io.orderstream.store.WriteOnceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
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
      CheckpointIdentity identity =
          fs.exists(file) ? read(fs, file) : createOrRead(fs, file, tables);
      if (!identity.tables().equals(tables)) {
        throw Errors.checkpointMismatch(
            checkpoint, "it wrote tables at '" + identity.tables() + "', not '" + tables + "'");
      }
      return identity;
    } catch (IOException e) {
      throw Errors.unwritableLocation("checkpoint", checkpoint, e);
    }
  }

  /**
   * A {@link WriteOnceFile}: a kill during the very first start cannot leave a half-written
   * identity (on any store), and when two starts race, the one that loses reads and uses the
   * winner's.
   */
  private static CheckpointIdentity createOrRead(FileSystem fs, Path file, String tables)
      throws IOException {
    CheckpointIdentity created = new CheckpointIdentity("orderstream-" + UUID.randomUUID(), tables);
    return WriteOnceFile.create(fs, file, created.bytes()) ? created : read(fs, file);
  }

  private static CheckpointIdentity read(FileSystem fs, Path file) throws IOException {
    Properties props = new Properties();
    try (InputStream in = fs.open(file)) {
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return new CheckpointIdentity(props.getProperty("app-id"), props.getProperty("tables"));
  }

  private byte[] bytes() throws IOException {
    Properties props = new Properties();
    props.setProperty("app-id", appId);
    props.setProperty("tables", tables);
    StringWriter text = new StringWriter();
    props.store(text, "orderstream checkpoint identity; do not edit");
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
