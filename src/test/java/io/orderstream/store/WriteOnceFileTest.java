package io.orderstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.testing.S3MockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write-once files on an object store (S3Mock through s3a) and on the local file system: the first
 * write wins, a second write of the same name changes nothing, and no temporary file remains.
 */
class WriteOnceFileTest {
  private static final String BUCKET = "write-once-test";
  private static Configuration hadoop;

  @TempDir java.nio.file.Path local;

  @BeforeAll
  static void startS3() {
    S3MockServer s3 = S3MockServer.shared().createBucket(BUCKET);
    hadoop = new Configuration();
    s3.configure(hadoop);
  }

  @Test
  void s3aIsTreatedAsAStoreThatPublishesOnCloseAndLocalAsOneThatRenames() throws IOException {
    Path s3File = new Path("s3a://" + BUCKET + "/capability/x");
    Path localFile = new Path(local.toUri().toString(), "x");

    assertThat(WriteOnceFile.publishesOnClose(s3File.getFileSystem(hadoop), s3File)).isTrue();
    assertThat(WriteOnceFile.publishesOnClose(localFile.getFileSystem(hadoop), localFile))
        .isFalse();
  }

  @Test
  void secondWriteOfSameNameOnS3KeepsTheFirstAndLeavesOneObject() throws IOException {
    Path file = new Path("s3a://" + BUCKET + "/once/00000000000000000001.json");
    FileSystem fs = file.getFileSystem(hadoop);

    boolean first = WriteOnceFile.create(fs, file, bytes("first"));
    boolean second = WriteOnceFile.create(fs, file, bytes("second"));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(read(fs, file)).isEqualTo("first");
    assertThat(fs.listStatus(file.getParent()))
        .extracting(s -> s.getPath().getName())
        .containsExactly(file.getName());
  }

  @Test
  void secondWriteOfSameNameLocallyKeepsTheFirstAndLeavesNoTemporaryFile() throws IOException {
    Path file = new Path(local.toUri().toString(), "manifests/00000000000000000001.json");
    FileSystem fs = file.getFileSystem(hadoop);

    assertThat(WriteOnceFile.create(fs, file, bytes("first"))).isTrue();
    assertThat(WriteOnceFile.create(fs, file, bytes("second"))).isFalse();

    assertThat(read(fs, file)).isEqualTo("first");
    try (var names = Files.list(local.resolve("manifests"))) {
      assertThat(names.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")))
          .containsExactly(file.getName());
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
