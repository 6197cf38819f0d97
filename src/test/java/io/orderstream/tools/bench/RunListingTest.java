package io.orderstream.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunListingTest {
  private static final List<String> LOG =
      List.of(
          "26/11/29 21:40:01 INFO Pipeline: batch 0: 6190 inputs",
          "WARN  some line  12",
          "order_item           1834",
          "order_event_latest    300",
          "quarantine              0");

  @TempDir Path dir;

  @Test
  void tablesAreTheListingLinesAmongTheLogLines() {
    assertThat(RunListing.tables(LOG))
        .containsExactly(
            java.util.Map.entry("order_item", 1834L),
            java.util.Map.entry("order_event_latest", 300L),
            java.util.Map.entry("quarantine", 0L));
  }

  @Test
  void runsWithTheSameListingPassAndOthersFailNamingBothLogs() throws IOException {
    Path folder = Files.write(dir.resolve("folder.log"), LOG);
    Path same =
        Files.write(
            dir.resolve("same.log"), List.of("other noise", LOG.get(2), LOG.get(3), LOG.get(4)));
    Path fewer =
        Files.write(dir.resolve("fewer.log"), List.of("order_item  1800", LOG.get(3), LOG.get(4)));

    RunListing.requireSame(folder, same, "S3 listing run");
    assertThatThrownBy(() -> RunListing.requireSame(folder, fewer, "S3 + SQS run"))
        .hasMessageContaining("S3 + SQS run ended with tables {order_item=1800")
        .hasMessageContaining(fewer.toString())
        .hasMessageContaining(folder.toString());
  }

  @Test
  void aFolderRunWithoutListingIsNoReference() throws IOException {
    Path empty = Files.write(dir.resolve("empty.log"), List.of("no listing here"));

    assertThatThrownBy(() -> RunListing.requireSame(empty, empty, "S3 listing run"))
        .isInstanceOf(IllegalStateException.class);
  }
}
