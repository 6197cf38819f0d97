package io.orderstream.source.inputs;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a small file under a name that is written once and never replaced, so that readers see
 * it whole or not at all on any file system.
 *
 * <p>Object stores (s3a, gs, abfs) make an object visible only when its upload completes, so the
 * file is created in place; elsewhere it is written aside and renamed in, since a local or HDFS
 * file is visible while being written. If the name exists already (a retry after a crash), the
 * existing file wins when it holds the same bytes; different bytes are a bug and fail loudly.
 */
public final class WriteOnce {
  private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "gs", "abfs", "abfss", "wasb", "wasbs");

  private WriteOnce() {}

  public static void write(FileSystem fs, Path file, byte[] content) throws IOException {
    if (fs.exists(file)) {
      requireSame(fs, file, content);
      return;
    }
    if (OBJECT_STORES.contains(fs.getUri().getScheme())) {
      try (FSDataOutputStream out = fs.create(file, false)) {
        out.write(content);
      }
      return;
    }
    Path aside = new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
    try (FSDataOutputStream out = fs.create(aside, false)) {
      out.write(content);
    }
    if (!fs.rename(aside, file)) {
      fs.delete(aside, false);
      requireSame(fs, file, content);
    }
  }

  private static void requireSame(FileSystem fs, Path file, byte[] content) throws IOException {
    long length = fs.getFileStatus(file).getLen();
    byte[] existing = new byte[(int) Math.min(length, Integer.MAX_VALUE)];
    try (FSDataInputStream in = fs.open(file)) {
      in.readFully(existing);
    }
    if (!Arrays.equals(existing, content)) {
      throw new IOException("Refusing to replace " + file + ": it exists with other content");
    }
  }
}
