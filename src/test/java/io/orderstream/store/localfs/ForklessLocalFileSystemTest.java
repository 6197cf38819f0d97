package io.orderstream.store.localfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.pipeline.SparkSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local file system the sessions use: the same modes as Hadoop's {@code chmod}, through both
 * Hadoop APIs, checksum files kept, and the sticky bit left to Hadoop.
 */
class ForklessLocalFileSystemTest {
  @TempDir java.nio.file.Path dir;

  /** A Hadoop configuration as the sessions' defaults make it. */
  private static Configuration sessionHadoop() {
    Configuration conf = new Configuration();
    SparkSessions.defaults("local[*]").entrySet().stream()
        .filter(e -> e.getKey().startsWith("spark.hadoop."))
        .forEach(e -> conf.set(e.getKey().substring("spark.hadoop.".length()), e.getValue()));
    return conf;
  }

  /**
   * A new file system for {@code path} with the sessions' settings. Not {@code Path.getFileSystem}:
   * Hadoop caches file systems by scheme and user, not by configuration, so once another test in
   * this JVM has asked for {@code file:} with plain settings, that cache answers with Hadoop's own
   * local file system.
   */
  private static FileSystem sessionFileSystem(Path path) throws IOException {
    return FileSystem.newInstance(path.toUri(), sessionHadoop());
  }

  @Test
  void modeBitsMapToTheSameSetChmodWouldGive() {
    for (Map.Entry<Integer, String> mode :
        Map.of(
                0644, "rw-r--r--",
                0755, "rwxr-xr-x",
                0600, "rw-------",
                0, "---------",
                0777, "rwxrwxrwx",
                0421, "r---w---x")
            .entrySet()) {
      assertThat(ForklessRawLocalFileSystem.posix(mode.getKey().shortValue()))
          .as("mode %o", mode.getKey())
          .isEqualTo(PosixFilePermissions.fromString(mode.getValue()));
    }
  }

  @Test
  void theSessionsFileSystemCreatesFilesWithTheModeAskedAndTheirChecksums() throws IOException {
    Path file = new Path(dir.toUri().toString(), "data/part-0.parquet");
    FileSystem fs = sessionFileSystem(file);
    assertThat(fs).isInstanceOf(ForklessLocalFileSystem.class);

    try (FSDataOutputStream out =
        fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
      out.writeBytes("rows");
    }

    java.nio.file.Path written = dir.resolve("data/part-0.parquet");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
        .isEqualTo("rw-r-----");
    assertThat(dir.resolve("data/.part-0.parquet.crc")).exists();
  }

  @Test
  void fileContextWritesThroughItTooAsDeltaKernelAndSparkCheckpointsDo() throws IOException {
    Path file = new Path(dir.toUri().toString(), "_delta_log/00000000000000000001.json");
    FileContext context = FileContext.getFileContext(file.toUri(), sessionHadoop());
    assertThat(context.getDefaultFileSystem()).isInstanceOf(ForklessLocalFs.class);

    try (FSDataOutputStream out =
        context.create(
            file,
            EnumSet.of(CreateFlag.CREATE),
            Options.CreateOpts.perms(new FsPermission((short) 0604)),
            Options.CreateOpts.createParent())) {
      out.writeBytes("{}");
    }

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("_delta_log/00000000000000000001.json"))))
        .isEqualTo("rw----r--");
    assertThat(context.open(file).readAllBytes()).asString().isEqualTo("{}");
    assertThat(dir.resolve("_delta_log/.00000000000000000001.json.crc")).exists();
  }

  @Test
  void renamesAsDeltaCommitsDoAndAnswersForASymbolicLinkAsHadoopDoes() throws IOException {
    Path temp = new Path(dir.toUri().toString(), "_delta_log/.00000000000000000002.json.tmp");
    Path commit = new Path(dir.toUri().toString(), "_delta_log/00000000000000000002.json");
    FileContext context = FileContext.getFileContext(temp.toUri(), sessionHadoop());
    try (FSDataOutputStream out =
        context.create(temp, EnumSet.of(CreateFlag.CREATE), Options.CreateOpts.createParent())) {
      out.writeBytes("{\"commitInfo\":{}}");
    }

    context.rename(temp, commit);

    assertThat(dir.resolve("_delta_log/00000000000000000002.json"))
        .hasContent("{\"commitInfo\":{}}");
    assertThat(dir.resolve("_delta_log/.00000000000000000002.json.tmp")).doesNotExist();
    FileSystem fs = sessionFileSystem(commit);
    assertThat(fs.getFileLinkStatus(commit).isSymlink()).isFalse();
    assertThat(fs.getFileLinkStatus(commit).getLen()).isEqualTo(17);

    java.nio.file.Path link = dir.resolve("link.json");
    Files.createSymbolicLink(link, dir.resolve("_delta_log/00000000000000000002.json"));
    Path linkPath = new Path(link.toUri().toString());
    RawLocalFileSystem hadoops = new RawLocalFileSystem();
    hadoops.initialize(linkPath.toUri(), new Configuration());
    FileStatus expected = hadoops.getFileLinkStatus(linkPath);
    FileStatus actual = fs.getFileLinkStatus(linkPath);
    assertThat(actual.isSymlink()).as("a link, as Hadoop sees it").isEqualTo(expected.isSymlink());
    assertThat(actual.getLen()).isEqualTo(expected.getLen());
  }

  @Test
  void aStickyDirectoryIsLeftToHadoopsOwnWay() throws IOException {
    Path sticky = new Path(dir.toUri().toString(), "shared");
    FileSystem fs = sessionFileSystem(sticky);

    assertThat(fs.mkdirs(sticky)).isTrue();
    fs.setPermission(sticky, new FsPermission((short) 01777));

    assertThat(fs.getFileStatus(sticky).getPermission().getStickyBit()).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("shared"))))
        .isEqualTo("rwxrwxrwx");
  }
}
