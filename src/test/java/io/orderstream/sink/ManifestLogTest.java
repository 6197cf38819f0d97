package io.orderstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.testing.FaultyFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest folder on its own, through Hadoop's FileSystem API (no Spark). */
class ManifestLogTest {
  @TempDir Path dir;

  private final Configuration hadoop = new Configuration();

  @AfterEach
  void freeDisk() {
    FaultyFileSystem.free(dir);
  }

  // ---------------------------------------------------------------- fixtures

  private ManifestLog log() {
    return new ManifestLog(new TableLocations(dir.toString()), hadoop);
  }

  private static BatchManifest manifest(
      long batchId, String appId, long sellerVersion, long itemVersion) {
    return new BatchManifest(
        batchId,
        appId,
        Instant.parse("2024-03-01T00:00:00Z").plusSeconds(batchId),
        Map.of("seller", sellerVersion, "item", itemVersion));
  }

  /** Files in the folder but the local file system's checksums: a leftover temp file shows. */
  private Stream<String> filesInFolder() throws IOException {
    return Files.list(dir.resolve(ManifestLog.FOLDER))
        .map(p -> p.getFileName().toString())
        .filter(n -> !n.endsWith(".crc"));
  }

  // ---------------------------------------------------------------- write and read

  @Test
  void writtenManifestReadsBackAsTheNewest() throws IOException {
    log().write(manifest(0, "app", 1, 1));
    log().write(manifest(1, "app", 2, 2));

    assertThat(log().latest()).contains(manifest(1, "app", 2, 2));
    assertThat(filesInFolder())
        .containsExactlyInAnyOrder("00000000000000000002.json", "00000000000000000004.json");
  }

  @Test
  void noFolderMeansNoManifest() throws IOException {
    assertThat(log().latest()).isEmpty();
  }

  @Test
  void newestIsTheLatestTableStateNotTheHighestBatchId() throws IOException {
    log().write(manifest(57, "old-checkpoint", 60, 60));
    // A new checkpoint on the same tables restarts batch ids at 0; table versions keep growing.
    log().write(manifest(0, "new-checkpoint", 61, 61));

    assertThat(log().latest().orElseThrow().appId()).isEqualTo("new-checkpoint");
  }

  @Test
  void notAManifestIsRejected() {
    assertThatThrownBy(() -> BatchManifest.fromJson("{\"batch_id\": 1}".getBytes()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a batch manifest");
  }

  // ---------------------------------------------------------------- atomicity

  @Test
  void failedWriteLeavesThePreviousManifestNewestAndNoFileBehind() throws IOException {
    hadoop.set("fs." + FaultyFileSystem.SCHEME + ".impl", FaultyFileSystem.class.getName());
    ManifestLog faulty = new ManifestLog(new TableLocations(FaultyFileSystem.uri(dir)), hadoop);
    faulty.write(manifest(0, "app", 1, 1));
    FaultyFileSystem.fill(dir);

    assertThatThrownBy(() -> faulty.write(manifest(1, "app", 2, 2)))
        .hasMessageContaining(FaultyFileSystem.NO_SPACE);

    assertThat(faulty.latest()).contains(manifest(0, "app", 1, 1));
    assertThat(filesInFolder()).containsExactly("00000000000000000002.json");
  }

  // ---------------------------------------------------------------- replay and pruning

  @Test
  void replayedBatchKeepsTheManifestItWroteFirst() throws IOException {
    BatchManifest first = manifest(3, "app", 5, 5);
    log().write(first);

    log()
        .write(
            new BatchManifest(3, "app", Instant.parse("2030-01-01T00:00:00Z"), first.versions()));

    assertThat(log().names()).hasSize(1);
    assertThat(log().latest()).contains(first);
  }

  @Test
  void onlyTheNewestManifestsAreKept() throws IOException {
    for (int batch = 0; batch < ManifestLog.KEEP + 5; batch++) {
      log().write(manifest(batch, "app", batch, 1));
    }

    assertThat(log().names()).hasSize(ManifestLog.KEEP);
    assertThat(log().names().get(0).getName()).isEqualTo(String.format("%020d.json", 5 + 1));
    assertThat(log().latest().orElseThrow().batchId()).isEqualTo(ManifestLog.KEEP + 4);
  }
}
