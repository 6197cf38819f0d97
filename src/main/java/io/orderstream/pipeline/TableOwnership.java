package io.orderstream.pipeline;

import io.orderstream.error.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which checkpoint owns a tables location, recorded in {@value #FILE} under it at the first start.
 *
 * <p>The reverse of {@link CheckpointIdentity}: that one refuses a checkpoint paired with other
 * tables; this one refuses tables paired with another checkpoint. A new checkpoint over old tables
 * (say, the checkpoint folder was deleted) would replay every input file under new Delta
 * transaction ids, which the tables cannot tell from new batches, so it is refused with exit 2 and
 * the ways out: the owning checkpoint, a fresh start, or a deliberate take-over by deleting the
 * file.
 *
 * <p>The file is written once with create-without-overwrite (a conditional put on object stores),
 * so two first starts cannot both claim the tables; an existing file naming the same app id is
 * fine. Tables from a release without the file, or whose file was deleted, are claimed by the
 * checkpoint that starts on them.
 */
final class TableOwnership {
  static final String FILE = "_orderstream/owner.properties";
  private static final Logger LOG = LoggerFactory.getLogger(TableOwnership.class);
  private static final String APP_ID = "app-id";
  private static final String CHECKPOINT = "checkpoint";

  private TableOwnership() {}

  /**
   * Claims {@code tables} for the checkpoint, or throws (exit 2) when another checkpoint owns them.
   */
  static void claim(
      String tables, String checkpoint, CheckpointIdentity identity, Configuration hadoop) {
    Path file = new Path(tables, FILE);
    try {
      FileSystem fs = file.getFileSystem(hadoop);
      Properties owner = read(fs, file);
      if (owner == null) {
        owner = create(fs, file, checkpoint, identity.appId());
      }
      String ownerAppId = owner.getProperty(APP_ID);
      if (!identity.appId().equals(ownerAppId)) {
        throw Errors.tablesOwnedByOtherCheckpoint(
            tables,
            owner.getProperty(CHECKPOINT),
            ownerAppId,
            checkpoint,
            identity.appId(),
            file.toString());
      }
    } catch (IOException e) {
      throw Errors.unwritableLocation("tables", tables, e);
    }
  }

  /**
   * The owner recorded in {@code file}; null when there is none (or only a file cut short by a
   * crash).
   */
  private static Properties read(FileSystem fs, Path file) throws IOException {
    if (!fs.exists(file)) {
      return null;
    }
    Properties props = new Properties();
    try (InputStream in = fs.open(file)) {
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    if (props.getProperty(APP_ID, "").isBlank()) {
      LOG.warn("{} names no checkpoint (a first start cut short); claiming the tables again", file);
      fs.delete(file, false);
      return null;
    }
    return props;
  }

  private static Properties create(FileSystem fs, Path file, String checkpoint, String appId)
      throws IOException {
    Properties props = new Properties();
    props.setProperty(APP_ID, appId);
    props.setProperty(CHECKPOINT, checkpoint);
    fs.mkdirs(file.getParent());
    try (OutputStream out = fs.create(file, false)) {
      props.store(
          new OutputStreamWriter(out, StandardCharsets.UTF_8),
          "orderstream: the checkpoint that writes these tables; delete this file only to let another checkpoint take them over");
    } catch (FileAlreadyExistsException raced) {
      Properties other = read(fs, file);
      return other != null ? other : props;
    }
    LOG.info(
        "Tables at {} now belong to checkpoint {} (app id {})",
        file.getParent().getParent(),
        checkpoint,
        appId);
    return props;
  }
}
