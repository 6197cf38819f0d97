package io.orderstream.testing;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.SparkSession;

/**
 * The local disk under the scheme {@value #SCHEME}, with a switch that makes a folder behave like a
 * full disk: creating a folder in it fails, and so does writing a byte to a file in it (the file
 * itself is left behind, empty, as a real full disk would leave it), or renaming a file into it. We
 * run as root, so permissions cannot make a folder unwritable; this can.
 *
 * <p>The switch is a static set of folders, so it reaches Spark's executor threads and every Hadoop
 * client of the scheme in this JVM. Tests use their own temporary folders, so a switch left on
 * cannot touch another test.
 */
public final class FaultyFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "faulty";
  public static final String NO_SPACE = "No space left on device";
  private static final Set<String> FULL = ConcurrentHashMap.newKeySet();

  /**
   * Makes the scheme usable in {@code spark}: Hadoop finds the class, and Delta commits through
   * {@code LocalLogStore} (its default store needs a Hadoop FileContext, which this scheme lacks).
   */
  public static void register(SparkSession spark) {
    spark
        .sparkContext()
        .hadoopConfiguration()
        .set("fs." + SCHEME + ".impl", FaultyFileSystem.class.getName());
    SparkEnv.get()
        .conf()
        .set("spark.delta.logStore." + SCHEME + ".impl", "io.delta.storage.LocalLogStore");
  }

  /**
   * {@code folder} as a URI of this scheme, in the form Hadoop prints paths ({@code
   * faulty:/tmp/x}): Delta refuses to create a table whose location it sees spelled two ways.
   */
  public static String uri(java.nio.file.Path folder) {
    return SCHEME + ":" + folder.toAbsolutePath();
  }

  /** From now on {@code folder} and everything under it is full. */
  public static void fill(java.nio.file.Path folder) {
    FULL.add(folder.toAbsolutePath().toString());
  }

  /** Frees {@code folder} again. */
  public static void free(java.nio.file.Path folder) {
    FULL.remove(folder.toAbsolutePath().toString());
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public void initialize(URI uri, Configuration conf) throws IOException {
    super.initialize(uri, conf);
    setConf(conf);
  }

  @Override
  protected OutputStream createOutputStreamWithMode(Path f, boolean append, FsPermission permission)
      throws IOException {
    OutputStream real = super.createOutputStreamWithMode(f, append, permission);
    return isFull(f) ? new FullDiskStream(real) : real;
  }

  @Override
  protected OutputStream createOutputStream(Path f, boolean append) throws IOException {
    OutputStream real = super.createOutputStream(f, append);
    return isFull(f) ? new FullDiskStream(real) : real;
  }

  @Override
  public boolean mkdirs(Path f, FsPermission permission) throws IOException {
    if (isFull(f) && !exists(f)) {
      throw new IOException("mkdir " + f + ": " + NO_SPACE);
    }
    return super.mkdirs(f, permission);
  }

  @Override
  public boolean mkdirs(Path f) throws IOException {
    return mkdirs(f, FsPermission.getDirDefault());
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    if (isFull(dst)) {
      throw new IOException("rename to " + dst + ": " + NO_SPACE);
    }
    return super.rename(src, dst);
  }

  private static boolean isFull(Path f) {
    String path = f.toUri().getPath();
    return FULL.stream().anyMatch(folder -> path.equals(folder) || path.startsWith(folder + "/"));
  }

  /** Accepts no byte. */
  private static final class FullDiskStream extends FilterOutputStream {
    FullDiskStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      throw new IOException(NO_SPACE);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      throw new IOException(NO_SPACE);
    }
  }
}
