package io.orderstream.store;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a small file that is created once and never changed, so that a reader sees it whole or not
 * at all and a second writer of the same name never replaces the first: the rule for every file
 * orderstream keeps outside Delta (batch manifests, the checkpoint identity).
 *
 * <p>How depends on the store, asked through Hadoop's path capabilities rather than the scheme:
 *
 * <ul>
 *   <li>Object stores (s3a and others whose output streams are abortable) publish an object only
 *       when its stream closes, and their rename is a copy and a delete that a kill can leave half
 *       done. The file is created directly under its final name with {@code overwrite=false}; an
 *       existing object makes the create fail, and the caller keeps what is there.
 *   <li>File systems (local, HDFS) show a file while it is written, and rename atomically. The file
 *       is written under a hidden temporary name and renamed into place; a rename refused because
 *       the name exists keeps the existing file.
 * </ul>
 *
 * Readers look names up directly ({@code exists}, {@code open}) where they can, not through a
 * listing, so a store whose listings lag behind its writes cannot hide a file that exists.
 */
public final class WriteOnceFile {
  private WriteOnceFile() {}

  /**
   * Writes {@code bytes} to {@code file} unless it exists. Returns false when a file of that name
   * was there already (it is left untouched), true when this call wrote it.
   */
  public static boolean create(FileSystem fs, Path file, byte[] bytes) throws IOException {
    if (fs.exists(file)) {
      return false;
    }
    fs.mkdirs(file.getParent());
    return publishesOnClose(fs, file)
        ? createDirectly(fs, file, bytes)
        : createAside(fs, file, bytes);
  }

  /** Whether the store makes a file visible only when its writer closes it (object stores). */
  public static boolean publishesOnClose(FileSystem fs, Path file) throws IOException {
    return fs.hasPathCapability(file, CommonPathCapabilities.ABORTABLE_STREAM);
  }

  private static boolean createDirectly(FileSystem fs, Path file, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(file, false)) {
      out.write(bytes);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  private static boolean createAside(FileSystem fs, Path file, byte[] bytes) throws IOException {
    Path temp = new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream out = fs.create(temp, false)) {
        out.write(bytes);
      }
      if (fs.exists(file)) {
        return false;
      }
      if (fs.rename(temp, file)) {
        return true;
      }
      if (fs.exists(file)) {
        return false;
      }
      throw new IOException("could not rename " + temp + " to " + file);
    } finally {
      deleteQuietly(fs, temp);
    }
  }

  private static void deleteQuietly(FileSystem fs, Path temp) {
    try {
      fs.delete(temp, false);
    } catch (IOException e) {
      // a leftover hidden temporary file is ignored by every reader; the write's own outcome
      // matters
    }
  }
}
